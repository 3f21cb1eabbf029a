/**
 * Three chapters of a synthetic review. Like the hosted review's chapters, they type no number:
 * every count, estimate and plot comes from a component, so they exercise the same rendering.
 */
export const SYNTH_CHAPTERS: readonly [slug: string, text: string][] = [
  [
    'introduction',
    `---
title: Introduction
order: 1
description: What this synthetic review is for and what it pools.
---

This review is synthetic: its trials were generated to measure how the site performs at scale.
It pools <Count of="included" /> trials (<Count of="included" variable="modality" level="car_t" /> CAR-T and
<Count of="included" variable="modality" level="car_nk" /> CAR-NK), with <Count of="patients" population="efficacy" /> patients
evaluable for response and <Count of="patients" population="safety" /> for safety, from <Count of="reports" /> reports.
<Count of="described" /> trials are described but not pooled and <Count of="excluded" /> were excluded.

## Question

How often do allogeneic CAR-engineered cells produce responses, and how often do they cause
cytokine release syndrome, neurotoxicity, infections and graft-versus-host disease?
`,
  ],
  [
    'results-efficacy',
    `---
title: Efficacy results
order: 2
description: Pooled response rates, overall and by cell type.
---

## Overall response

The pooled best overall response rate is <Estimate outcome="borr" show="full" />; the best complete response rate is
<Estimate outcome="bcrr" show="full" />. The 95% prediction interval of the overall response rate is <Estimate outcome="borr" show="pi" />.

## By cell type

CAR-T products: <Estimate outcome="borr" variable="modality" level="car_t" />; CAR-NK products:
<Estimate outcome="borr" variable="modality" level="car_nk" />. Test for subgroup differences:
<SubgroupTest outcome="borr" variable="modality" />.

<ForestPlot outcome="borr" variable="modality" />
`,
  ],
  [
    'results-safety',
    `---
title: Safety results
order: 3
description: Pooled rates of cytokine release syndrome, neurotoxicity, infections and GvHD.
---

## Cytokine release syndrome

Grade 1-2 CRS: <Estimate outcome="crs_g12" show="full" />. Grade 3 or higher: <Estimate outcome="crs_g3" show="full" />
(<Estimate outcome="crs_g3" show="events" /> events in <Estimate outcome="crs_g3" show="n" /> patients).
By cell type: <SubgroupTest outcome="crs_g12" variable="modality" />.

## Neurotoxicity, infections and GvHD

ICANS grade 3 or higher: <Estimate outcome="icans_g3" />. Infections of grade 3 or higher: <Estimate outcome="inf_g3" />,
reported by <Count of="outcome-trials" outcome="inf_g3" /> trials. GvHD: <Estimate outcome="gvhd" />.
`,
  ],
];
