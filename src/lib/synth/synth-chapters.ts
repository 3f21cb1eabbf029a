/**
 * Three chapters of a synthetic review. Like a real review's chapters, they type no number:
 * every count, estimate and plot comes from a chapter component (Count, Estimate, SubgroupTest,
 * Sensitivity, ForestPlot), text that belongs to some releases only sits in Since, and links
 * to site paths go through ChapterLink, so they exercise the same rendering.
 */
export const SYNTH_CHAPTERS: readonly [slug: string, text: string][] = [
  [
    'introduction',
    `---
title: Introduction
order: 1
description: What this synthetic review is for and what it pools.
---

This review is synthetic: its studies were generated to measure how the site performs at scale.
It pools <Count of="included" /> studies (<Count of="included" variable="route" level="oral" /> of oral and
<Count of="included" variable="route" level="parenteral" /> of parenteral drugs), with <Count of="patients" population="evaluable" /> participants
evaluable for response and <Count of="patients" population="treated" /> treated, from <Count of="reports" /> reports.
<Count of="described" /> studies are described but not pooled and <Count of="excluded" /> were excluded;
<Count of="registered" /> registered studies make up the landscape.<Since until={1}> This is the first release.</Since>

<Since release={2}>

This is release <Count of="releases" /> of the review. Since release 1, which pooled <Count of="included" release={1} /> studies,
later releases added studies and replaced conference abstracts with full papers; the response rate moved from
<Estimate outcome="response" release={1} /> to <Estimate outcome="response" />.

</Since>

## Question

How often do the drugs studied produce a response or a remission, and how often do they cause
adverse events? The results are in [the efficacy chapter](/chapters/results-efficacy/) and
[the safety chapter](/chapters/results-safety/).
`,
  ],
  [
    'results-efficacy',
    `---
title: Efficacy results
order: 2
description: Pooled response and remission rates, overall and by route of administration.
---

## Response

The pooled response rate is <Estimate outcome="response" show="full" />; the remission rate is
<Estimate outcome="remission" show="full" />. The prediction interval of the response rate is <Estimate outcome="response" show="pi" />.
Every study of the [response analysis](/outcomes/response/) is listed with its weight.

## By route of administration

Oral drugs: <Estimate outcome="response" variable="route" level="oral" />; parenteral drugs:
<Estimate outcome="response" variable="route" level="parenteral" />. Test for subgroup differences:
<SubgroupTest outcome="response" variable="route" /> (<SubgroupTest outcome="response" variable="route" show="p" />).

<ForestPlot outcome="response" variable="route" />

## Sensitivity

Leaving out one study at a time, the response rate ranges from <Sensitivity outcome="response" show="loo-range" />; the
most influential study is <Sensitivity outcome="response" show="loo-max" />. Across methods it ranges from
<Sensitivity outcome="response" show="method-range" />. Egger's test: <Sensitivity outcome="response" show="egger" />.
`,
  ],
  [
    'results-safety',
    `---
title: Safety results
order: 3
description: Pooled rates of adverse events, serious adverse events, discontinuations, rash and deaths.
---

## Adverse events

Grade 1-2 adverse events: <Estimate outcome="ae_g12" show="full" />. Grade 3 or higher: <Estimate outcome="ae_g3" show="full" />
(<Estimate outcome="ae_g3" show="events" /> events in <Estimate outcome="ae_g3" show="n" /> participants).
By route: <SubgroupTest outcome="ae_g12" variable="route" />.

## Serious events, discontinuations, rash and deaths

Serious adverse events: <Estimate outcome="serious_ae" />. Discontinuation for adverse events: <Estimate outcome="discontinuation" />.
Rash of grade 3 or higher: <Estimate outcome="rash_g3" />, reported by <Count of="outcome-trials" outcome="rash_g3" /> studies
and not disclosed by <Count of="not-disclosed" outcome="rash_g3" />. Treatment-related deaths: <Estimate outcome="death" />
(see [the analysis](/outcomes/death/)).
`,
  ],
];
