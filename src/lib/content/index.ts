/**
 * Loading and validating content, for the scripts and the site. Only pure modules are exported
 * here; the disk readers are imported from their own `-fs` files (read-content-fs.ts,
 * load-review-fs.ts) so that a browser bundle importing this barrel never pulls in Node.
 */

// Problems and how they are shown
export { ContentError, pathToString, problem, sortProblems } from './problems.ts';
export type { FieldPath, PathSegment, Problem, Text } from './problems.ts';
export { messages } from './messages.ts';
export { formatProblem, formatProblems, summariseProblems } from './format-problems.ts';

// Parsing one file
export { decodeContent, MAX_FILE_BYTES } from './decode-content.ts';
export { readFrontMatter } from './front-matter.ts';
export { MAX_ALIAS_COUNT, parseYaml } from './parse-yaml.ts';
export type { Locate } from './locate-path.ts';
export { CONTENT_KINDS, parseContentFile } from './content-files.ts';
export type { ContentKind, RawContent, SourceFile, ValidFile } from './content-files.ts';

// Validation
export { schemaProblems } from './schema-problems.ts';
export { validateContent } from './validate-content.ts';
export type { ValidatedContent } from './validate-content.ts';
export { PLACEHOLDER } from './placeholders.ts';

// Field documentation and the new-trial template
export { describeSchema, typeLabel } from './describe-schema.ts';
export type { Described, Field, Shape } from './describe-schema.ts';
export { CONTENT_KIND_DOCS, fieldReference, fieldReferenceMarkdown } from './field-reference.ts';
export type { ContentKindDoc, FieldDoc } from './field-reference.ts';
export { trialTemplate } from './trial-template.ts';
