/** The components a chapter's MDX can use without importing them. */
import Estimate from '../../components/chapter/Estimate.astro';
import Count from '../../components/chapter/Count.astro';
import SubgroupTest from '../../components/chapter/SubgroupTest.astro';
import ForestPlot from '../../components/ForestPlot.astro';

export const chapterComponents = { Estimate, Count, SubgroupTest, ForestPlot };
