/**
 * The props of a chapter component, checked against the catalogue (which props each component
 * has, which are required, which values a prop with a fixed list takes) and against the review
 * (outcome, population and subgroup ids, levels, release numbers). A mistake here would
 * otherwise stop the build with a stack trace, or print "not estimable" without a word.
 */
import { CHAPTER_COMPONENTS, type ComponentDoc } from '../../../components/chapter/catalogue.ts';
import type { Review } from '../../../schemas/index.ts';
import { chapterMessages as m } from '../messages-chapters.ts';
import type { Text } from '../problems.ts';
import { closest } from '../suggest.ts';

/** A prop's value as written: text in quotes, a literal in braces, or true when it has no value. */
export type PropValue = string | number | boolean;

/** One prop as written, with the line of the file it is on. */
export interface WrittenProp {
  value: PropValue;
  line: number | undefined;
}

/** The components a chapter can use, by the name written in MDX (the Markdown link `a` is not one). */
export const COMPONENTS: readonly ComponentDoc[] = CHAPTER_COMPONENTS.filter((c) => c.name !== 'a');
export const COMPONENT_NAMES: readonly string[] = COMPONENTS.map((c) => c.name);
/** Components that show the text written between their tags. */
const TAKES_CHILDREN = new Set(['Since']);

export function takesChildren(name: string): boolean {
  return TAKES_CHILDREN.has(name);
}

/** Count's props that apply only for some values of `of`. */
const COUNT_WITH: Record<string, { of: readonly string[]; when: string }> = {
  population: { of: ['patients', 'cohorts'], when: 'with of="patients" or of="cohorts"' },
  variable: { of: ['included', 'cohorts', 'patients'], when: 'with of="included", "cohorts" or "patients"' },
  level: { of: ['included', 'cohorts', 'patients'], when: 'with of="included", "cohorts" or "patients"' },
  outcome: { of: ['outcome-trials', 'outcome-cohorts', 'not-disclosed', 'not-pooled'], when: 'with of="outcome-trials", "outcome-cohorts", "not-disclosed" or "not-pooled"' },
  reason: { of: ['not-pooled'], when: 'with of="not-pooled"' },
  status: { of: ['registered'], when: 'with of="registered"' },
};

/**
 * Checks the props of component `name` (one of COMPONENT_NAMES). `review` is undefined when
 * review.yaml did not pass its own checks: the props are then checked against the catalogue only.
 */
export function checkComponentProps(
  name: string,
  props: ReadonlyMap<string, WrittenProp>,
  elementLine: number | undefined,
  review: Review | undefined,
  report: (line: number | undefined, path: string[], text: Text) => void,
): void {
  const doc = COMPONENTS.find((c) => c.name === name)!;
  const names = doc.props.map((p) => p.name);
  const valid = new Map<string, PropValue>();
  const releases = review?.releases.map((r) => r.number);
  const latest = releases && releases.length > 0 ? Math.max(...releases) : undefined;

  for (const [prop, { value, line }] of props) {
    const say = (text: Text) => report(line, [name, prop], text);
    const spec = doc.props.find((p) => p.name === prop);
    if (!spec) {
      say(m.unknownProp(name, prop, closest(prop, names), names));
      continue;
    }
    const isRelease = prop === 'release' || prop === 'until';
    if (isRelease) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        say(m.notNumber(name, prop, value));
        continue;
      }
      // <Since release> may name the release being prepared, the one after the latest.
      const allowed = releases && (name === 'Since' && latest !== undefined ? [...releases, latest + 1] : releases);
      if (allowed && !allowed.includes(value)) {
        say(m.unknownRelease(name, prop, value, releases!));
        continue;
      }
      valid.set(prop, value);
      continue;
    }
    if (typeof value !== 'string') {
      say(m.notText(name, prop, value));
      continue;
    }
    if (spec.values) {
      const allowed = spec.values.map((v) => v.value);
      if (!allowed.includes(value)) {
        say(m.unknownValue(name, prop, value, closest(value, allowed), allowed));
        continue;
      }
    } else if (review && (prop === 'outcome' || prop === 'population' || prop === 'variable')) {
      const ids =
        prop === 'outcome' ? review.outcomes.map((o) => o.id) : prop === 'population' ? review.populations.map((p) => p.id) : review.subgroups.map((v) => v.id);
      const what = prop === 'outcome' ? 'an outcome' : prop === 'population' ? 'a population' : 'a subgroup variable';
      if (!ids.includes(value)) {
        say(m.unknownId(name, prop, value, what, closest(value, ids), ids));
        continue;
      }
    }
    valid.set(prop, value);
  }

  const has = (prop: string) => props.has(prop);
  const missing = (prop: string, when?: string) => report(elementLine, [name, prop], m.missingProp(name, prop, when));
  const notHere = (prop: string, when: string) => report(props.get(prop)?.line ?? elementLine, [name, prop], m.propNotHere(name, prop, when));

  for (const spec of doc.props) if (spec.required === true && !has(spec.name)) missing(spec.name);

  if (name === 'Count') {
    const of = valid.get('of');
    if (typeof of === 'string') {
      for (const [prop, rule] of Object.entries(COUNT_WITH)) {
        if (has(prop) && !rule.of.includes(of)) notHere(prop, rule.when);
      }
      if ((of === 'patients' || of === 'cohorts') && !has('population')) missing('population', `with of="${of}"`);
      if (COUNT_WITH['outcome']!.of.includes(of) && !has('outcome')) missing('outcome', `with of="${of}"`);
    }
  }
  // A level is a level of the variable; it needs one, and a variable whose results are of one level needs the level.
  if (names.includes('level')) {
    if (has('level') && !has('variable')) notHere('level', 'with variable');
    if (has('variable') && !has('level') && (name !== 'Count' || COUNT_WITH['variable']!.of.includes(String(valid.get('of'))))) missing('level', 'with variable');
    const variable = valid.get('variable');
    const level = valid.get('level');
    const declared = review?.subgroups.find((v) => v.id === variable);
    if (declared && typeof level === 'string') {
      const levels = declared.levels.map((l) => l.id);
      if (!levels.includes(level)) report(props.get('level')?.line, [name, 'level'], m.unknownLevel(name, level, declared.id, closest(level, levels), levels));
    }
  }
}
