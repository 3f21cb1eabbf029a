/**
 * The texts a curator sees from the checks of a chapter's body (src/lib/content/chapters), in
 * the style of messages.ts: what is wrong, naming the values involved, and how to fix it.
 */
import { list, show } from './messages.ts';
import type { Text } from './problems.ts';

const MAX_CODE = 40;

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? `; did you mean "${suggestion}"?` : '';
}

/** A piece of the chapter as the curator wrote it, cut short. */
function quote(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_CODE ? `${flat.slice(0, MAX_CODE - 1)}…` : flat;
}

function oneOf(allowed: readonly (string | number)[]): string {
  return allowed.length === 0 ? '(none are defined)' : list(allowed.map(String));
}

/** `<Estimate outcome>`: a prop named on its element. */
function tag(element: string, prop?: string): string {
  return prop ? `<${element} ${prop}>` : `<${element}>`;
}

export const chapterMessages = {
  notMdx: (reason: string): Text => ({
    message: `the chapter cannot be read as MDX: ${reason.replace(/\.$/, '')}`,
    fix: 'MDX reads < as the start of a component and { as the start of code: write \\< and \\{ for the characters themselves (or "less than"), and close every component you open',
  }),
  esm: (code: string): Text => ({
    message: `the chapter contains code (${quote(code)}); a chapter is text with the review's components, and import or export lines are code`,
    fix: 'delete the line: the components (<Estimate>, <Count>, …) need no import, and every number comes from them',
  }),
  expression: (code: string): Text => ({
    message: `the chapter contains code in braces ({${quote(code)}}); a chapter cannot run code`,
    fix: 'delete it: numbers come from the components (<Estimate>, <Count>, …); to write a brace itself, write \\{; a note to other curators goes in a comment, {/* … */}',
  }),
  fragment: (): Text => ({
    message: 'the chapter contains an empty tag (<>); a chapter uses the review\'s components and a little HTML only',
    fix: 'delete <> and its closing </>',
  }),
  unknownComponent: (name: string, suggestion: string | undefined, components: readonly string[]): Text => ({
    message: `<${name}> is not a component chapters can use${didYouMean(suggestion)} (they are ${oneOf(components)})`,
    fix: suggestion
      ? `write <${suggestion}>; the curators' guide lists every component with its props`
      : "use one of the components the curators' guide lists, or write the text in Markdown",
  }),
  htmlNotAllowed: (name: string, allowed: readonly string[]): Text => ({
    message: `the chapter contains the HTML tag <${name}>; the only HTML a chapter may contain is ${oneOf(allowed.map((a) => `<${a}>`))}`,
    fix:
      name === 'a'
        ? 'write a Markdown link: [text](https://…), or [text](/outcomes/…/) for a page of the site'
        : name === 'img'
          ? 'write a Markdown image from the site root: ![what it shows](/figures/name.png)'
          : `delete <${name}>: write the text in Markdown (**bold**, *italic*, [link](https://…), headings with #)`,
  }),
  htmlAttribute: (element: string, attribute: string): Text => ({
    message: `${tag(element, attribute)}: HTML in a chapter takes no attribute but title`,
    fix: `delete ${attribute}${attribute === 'class' || attribute === 'style' ? ': the site styles the chapter itself' : ''}`,
  }),
  spread: (element: string, code: string): Text => ({
    message: `${tag(element)} contains code ({${quote(code)}}) among its props; a chapter cannot run code`,
    fix: 'write each prop out: name="text" or name={1}',
  }),
  attributeCode: (element: string, prop: string, code: string): Text => ({
    message: `${tag(element, prop)} is code ({${quote(code)}}); a prop is text in quotes, or a number or true/false in braces`,
    fix: prop === 'release' || prop === 'until' ? `write the release number itself: ${prop}={1}` : `write the value itself in quotes: ${prop}="…"`,
  }),
  unsafeUrl: (what: 'link' | 'image' | 'link definition', url: string): Text => ({
    message: `the ${what} goes to ${show(url)}; a chapter links only to web addresses (https://…), e-mail addresses (mailto:…) and pages of the site written from its root (/outcomes/…/)`,
    fix: 'write the full web address with https://, or the path of the page from the site root, starting with one /',
  }),
  relativeImage: (url: string): Text => ({
    message: `the image ${show(url)} is a path relative to the chapter; the build would read it as a file to import`,
    fix: 'put the picture in public/ and write its path from the site root, e.g. ![what it shows](/figures/name.png), or a full https:// address',
  }),
  noChildren: (element: string): Text => ({
    message: `${tag(element)} takes no text between its tags; the text would not be shown`,
    fix: `close it on its own: <${element} … />, and write the text beside it`,
  }),
  unknownProp: (element: string, prop: string, suggestion: string | undefined, props: readonly string[]): Text => ({
    message: `${tag(element)} has no prop "${prop}"${didYouMean(suggestion)} (its props are ${oneOf(props)})`,
    fix: suggestion ? `write ${suggestion}=…` : `delete ${prop}, or use one of ${oneOf(props)}`,
  }),
  missingProp: (element: string, prop: string, when?: string): Text => ({
    message: `${tag(element)} needs ${prop}${when ? ` ${when}` : ''}`,
    fix: `add ${prop}="…"; the curators' guide gives an example of every component`,
  }),
  propNotHere: (element: string, prop: string, when: string): Text => ({
    message: `${tag(element, prop)} applies only ${when}; here it would be ignored`,
    fix: `delete ${prop}, or change the other props so that it applies`,
  }),
  propDuplicated: (element: string, prop: string): Text => ({
    message: `${tag(element, prop)} is given twice`,
    fix: `keep one ${prop}: only the last would be used`,
  }),
  notText: (element: string, prop: string, value: unknown): Text => ({
    message: `${tag(element, prop)} is ${value === true ? 'given without a value' : show(value)}; it takes text`,
    fix: `write it in quotes: ${prop}="…"`,
  }),
  notNumber: (element: string, prop: string, value: unknown): Text => ({
    message:
      typeof value === 'string'
        ? `${tag(element, prop)} is text (${show(value)}); a release number is written in braces, without quotes`
        : `${tag(element, prop)} is ${value === true ? 'given without a value' : show(value)}; it takes a release number`,
    fix: `write ${prop}={${typeof value === 'string' && /^\d+$/.test(value.trim()) ? value.trim() : 1}}`,
  }),
  unknownRelease: (element: string, prop: string, value: number, releases: readonly number[]): Text => ({
    message: `${tag(element, prop)} is ${value}, which is not a release of review.yaml (its releases are ${oneOf(releases)})`,
    fix: `write one of ${oneOf(releases)}`,
  }),
  unknownValue: (element: string, prop: string, value: string, suggestion: string | undefined, allowed: readonly string[]): Text => ({
    message: `${tag(element, prop)} is ${show(value)}, which is not one of its values${didYouMean(suggestion)} (they are ${oneOf(allowed)})`,
    fix: suggestion ? `write ${prop}="${suggestion}"` : `write one of ${oneOf(allowed)}`,
  }),
  unknownId: (element: string, prop: string, value: string, what: string, suggestion: string | undefined, ids: readonly string[]): Text => ({
    message: `${tag(element, prop)} is ${show(value)}, which is not ${what} of review.yaml${didYouMean(suggestion)} (they are ${oneOf(ids)})`,
    fix: suggestion
      ? `write ${prop}="${suggestion}"`
      : `write one of ${oneOf(ids)}; if it was removed from review.yaml, update or delete the sentence that cites it`,
  }),
  unknownLevel: (element: string, value: string, variable: string, suggestion: string | undefined, levels: readonly string[]): Text => ({
    message: `${tag(element, 'level')} is ${show(value)}, which is not a level of the subgroup variable "${variable}"${didYouMean(suggestion)} (its levels are ${oneOf(levels)})`,
    fix: suggestion ? `write level="${suggestion}"` : `write one of ${oneOf(levels)}`,
  }),
};
