/**
 * A chapter is content, not code. Its body is MDX, which could import modules, export values
 * and run JavaScript in braces when the site is built, and which lets any HTML and any link
 * through. The body is parsed to its syntax tree here (never compiled) and every node must be
 * one a chapter may hold:
 *
 * - Markdown text, with links, images and link definitions to web (http, https) and e-mail
 *   addresses or to pages of the site written from its root;
 * - the review's components (the catalogue in src/components/chapter/catalogue.ts), whose
 *   props are text in quotes or a literal number or true/false in braces, checked against the
 *   catalogue and the review (component-props.ts);
 * - a few HTML tags without attributes but title.
 *
 * Anything else is refused: import and export lines, code in braces, other elements and
 * attributes. The build runs the same check before Astro compiles a chapter, so a refused
 * chapter never runs.
 */
import type { Review } from '../../../schemas/index.ts';
import type { SourceFile } from '../content-files.ts';
import { chapterMessages as m } from '../messages-chapters.ts';
import { problem, type Problem, type Text } from '../problems.ts';
import { closest } from '../suggest.ts';
import { checkComponentProps, COMPONENT_NAMES, takesChildren, type PropValue, type WrittenProp } from './component-props.ts';
import { parseChapter, type ChapterAttribute, type ChapterNode } from './parse-chapter.ts';

/** The HTML a chapter may contain, and the one attribute it may carry. */
export const ALLOWED_HTML: readonly string[] = ['abbr', 'sub', 'sup', 'br', 'em', 'strong'];
const ALLOWED_HTML_ATTRIBUTES = new Set(['title']);

/**
 * A line that starts with import or export and then anything but a letter or digit. MDX
 * compilers differ on which of these lines are code (the one the build uses reads
 * `export<tab>const …` as code where the reference parser reads text), so every such line
 * outside a code block is refused, whatever the parser made of it.
 */
const ESM_LINE = /^(?:import|export)(?![\p{L}\p{N}_$])/u;

/** One or more block comments and nothing else. */
const COMMENT_ONLY = /^\s*(?:\/\*(?:[^*]|\*(?!\/))*\*\/\s*)+$/;

/** A literal in braces: a number, true or false, or a string in quotes without escapes. */
const LITERAL = /^\s*(?:\d+(?:\.\d+)?|true|false|"[^"\\\r\n]*"|'[^'\\\r\n]*')\s*$/;

/**
 * Checks the body of one chapter. `review` is undefined when review.yaml did not pass its own
 * checks: the components' props are then checked against the catalogue only.
 */
export function checkChapter(source: SourceFile, review: Review | undefined): Problem[] {
  const problems: Problem[] = [];
  const lineOf = (node: { position?: { start: { line: number } } } | undefined): number | undefined =>
    node?.position ? source.bodyLine + node.position.start.line - 1 : undefined;
  const report = (line: number | undefined, path: string[], text: Text) => problems.push(problem(source.file, line, path, text));

  const parsed = parseChapter(source.body);
  if (!parsed.ok) {
    report(parsed.line !== undefined ? source.bodyLine + parsed.line - 1 : undefined, [], m.notMdx(parsed.reason));
    return problems;
  }

  const visit = (node: ChapterNode): void => {
    const line = lineOf(node);
    switch (node.type) {
      case 'mdxjsEsm':
        report(line, [], m.esm(String(node.value ?? '')));
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!isComment(node)) report(line, [], m.expression(String(node.value ?? '')));
        return;
      case 'html':
        // MDX has no raw HTML node (HTML is read as elements); refused should one ever appear.
        report(line, [], m.htmlNotAllowed(String(node.value ?? '').replace(/^<\/?|[\s>][\s\S]*$/g, '') || 'html', ALLOWED_HTML));
        return;
      case 'link':
      case 'definition':
        if (!safeLink(node.url ?? '')) report(line, [], m.unsafeUrl(node.type === 'link' ? 'link' : 'link definition', node.url ?? ''));
        break;
      case 'image':
        if (isRelativePath(node.url ?? '')) report(line, [], m.relativeImage(node.url ?? ''));
        else if (!safeLink(node.url ?? '') || /^(mailto:|#)/i.test(node.url ?? '')) report(line, [], m.unsafeUrl('image', node.url ?? ''));
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, line);
        break;
    }
    for (const child of node.children ?? []) visit(child);
  };

  const checkElement = (node: ChapterNode, line: number | undefined): void => {
    const name = node.name;
    if (name === null || name === undefined) {
      report(line, [], m.fragment());
      return;
    }
    const attributes = readAttributes(node, name, line);
    if (COMPONENT_NAMES.includes(name)) {
      if (!takesChildren(name) && (node.children ?? []).some((c) => !isBlank(c))) report(line, [name], m.noChildren(name));
      if (attributes) checkComponentProps(name, attributes, line, review, report);
      return;
    }
    if (ALLOWED_HTML.includes(name)) {
      for (const [attribute, written] of attributes ?? []) {
        if (!ALLOWED_HTML_ATTRIBUTES.has(attribute)) report(written.line, [name, attribute], m.htmlAttribute(name, attribute));
        else if (typeof written.value !== 'string') report(written.line, [name, attribute], m.notText(name, attribute, written.value));
      }
      return;
    }
    // A capitalised name, or one close to a component's, was meant as a component.
    const suggestion = closest(name, COMPONENT_NAMES);
    if (/^[A-Z]/.test(name) || suggestion || /[.:]/.test(name)) report(line, [], m.unknownComponent(name, suggestion, COMPONENT_NAMES));
    else report(line, [], m.htmlNotAllowed(name, ALLOWED_HTML));
  };

  /** The element's props as written; undefined (and reported) when one is code. */
  const readAttributes = (node: ChapterNode, name: string, elementLine: number | undefined): Map<string, WrittenProp> | undefined => {
    const out = new Map<string, WrittenProp>();
    let ok = true;
    for (const attribute of node.attributes ?? []) {
      const line = lineOf(attribute) ?? elementLine;
      if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined) {
        report(line, [name], m.spread(name, String((attribute as { value?: unknown }).value ?? '')));
        ok = false;
        continue;
      }
      const value = literalValue(attribute);
      if (value === undefined) {
        const code = typeof attribute.value === 'object' && attribute.value !== null ? attribute.value.value : '';
        report(line, [name, attribute.name], m.attributeCode(name, attribute.name, code));
        ok = false;
        continue;
      }
      if (out.has(attribute.name)) report(line, [name, attribute.name], m.propDuplicated(name, attribute.name));
      out.set(attribute.name, { value, line });
    }
    return ok ? out : undefined;
  };

  visit(parsed.tree);

  // Lines that read as import or export to any MDX compiler, outside code blocks and the
  // import and export blocks reported above.
  const skip = new Set<number>();
  const collect = (node: ChapterNode): void => {
    if ((node.type === 'code' || node.type === 'mdxjsEsm') && node.position) {
      for (let l = node.position.start.line; l <= node.position.end.line; l++) skip.add(l);
    }
    for (const child of node.children ?? []) collect(child);
  };
  collect(parsed.tree);
  source.body.split(/\r\n|\r|\n/).forEach((text, index) => {
    if (ESM_LINE.test(text) && !skip.has(index + 1)) report(source.bodyLine + index, [], m.esm(text));
  });
  return problems;
}

/**
 * The value of an attribute: its text, true when it has none, or the literal in its braces.
 * Undefined when the braces hold anything but one number, true, false or string: the parser's
 * reading of the code and the text itself must both say it is a plain literal.
 */
function literalValue(attribute: ChapterAttribute): PropValue | undefined {
  const value = attribute.value;
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value;
  if (!LITERAL.test(value.value)) return undefined;
  const program = value.data?.estree;
  const statement = program?.body.length === 1 ? program.body[0] : undefined;
  const literal = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
  if (!literal || literal.type !== 'Literal' || literal.regex !== undefined || literal.bigint !== undefined) return undefined;
  return typeof literal.value === 'number' || typeof literal.value === 'boolean' || typeof literal.value === 'string' ? literal.value : undefined;
}

/**
 * A comment, {/* … *\/}: braces that hold nothing but block comments, as the parser reads them
 * and as the text itself shows (no line comment, no other line terminator a compiler might read
 * differently).
 */
function isComment(node: ChapterNode): boolean {
  const text = typeof node.value === 'string' ? node.value : '';
  return COMMENT_ONLY.test(text) && !/[\u2028\u2029]|<!--|-->/.test(text) && node.data?.estree?.body.length === 0;
}

/** Web and e-mail addresses, pages of the site from its root, and anchors on the same page. */
function safeLink(url: string): boolean {
  // Browsers drop tabs and line breaks inside an address and read a backslash as a slash.
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return false;
  return /^(https?:\/\/[^/]|mailto:[^/])/i.test(url) || /^\/(?!\/)/.test(url) || /^#/.test(url);
}

/** A path relative to the chapter's file (neither from the site root nor with a scheme). */
function isRelativePath(url: string): boolean {
  return url.length > 0 && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) && !url.startsWith('/') && !url.startsWith('#');
}

function isBlank(node: ChapterNode): boolean {
  return node.type === 'text' && typeof node.value === 'string' && node.value.trim() === '';
}
