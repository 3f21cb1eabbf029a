/** The levels of a grouping and the studies in each. */
export interface GroupLevels {
  /** level names in order of first appearance */
  readonly names: readonly string[];
  /** level index of each study */
  readonly index: readonly number[];
  /** positions of the studies of each level, in input order */
  readonly members: readonly (readonly number[])[];
}

/**
 * Splits studies by their subgroup label, keeping levels in order of first appearance
 * (the order a forest plot lists them).
 *
 * Reference: Borenstein M, Higgins JPT (2013). Meta-analysis and subgroups. Prevention
 * Science 14(2), 134-143. https://doi.org/10.1007/s11121-013-0377-7
 *
 * @param groups the level of each study
 * @returns level names, each study's level index and each level's studies
 * @throws never
 * @example
 * groupLevels(['NK', 'T', 'NK']).members // [[0, 2], [1]]
 */
export function groupLevels(groups: readonly string[]): GroupLevels {
  const names: string[] = [];
  const position = new Map<string, number>();
  const members: number[][] = [];
  const index = groups.map((group, i) => {
    let level = position.get(group);
    if (level === undefined) {
      level = names.length;
      position.set(group, level);
      names.push(group);
      members.push([]);
    }
    members[level]!.push(i);
    return level;
  });
  return { names, index, members };
}
