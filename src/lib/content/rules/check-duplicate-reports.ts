/**
 * One report, one entry. Compared loosely, as a curator would: a DOI ignores case (DOIs are
 * case-insensitive), a web address ignores the case of its host and a trailing slash, a
 * citation ignores case, spacing and a final full stop.
 *
 * - Two trial files: the same citation is refused, as two files with one registration are (see
 *   check-registrations.ts): it is one publication, and usually one study, entered twice. The
 *   same DOI or web address under different citations is accepted, because one publication
 *   may report several studies (a pooled analysis, a paper that tabulates the studies of an
 *   earlier meta-analysis): each study's file cites it with a citation that says which study
 *   it gives ("study 6 of the 14 in …"). The message names the DOI or address when it is
 *   shared too.
 * - One trial file: the same DOI or the same citation twice is refused; a later version of a
 *   report (a full article after an abstract) has its own DOI and citation. The same web
 *   address twice is accepted: a registry record or a sponsor's page is read again at a later
 *   date and then gives a new report of the same study under the same address.
 */
import type { Report, Trial } from '../../../schemas/index.ts';
import { at, type ValidFile } from '../content-files.ts';
import { plausibilityMessages as messages } from '../messages-plausibility.ts';
import type { Problem } from '../problems.ts';

/** A DOI as compared: lower case, without spaces around it. */
export function doiKey(doi: string): string {
  return doi.trim().toLowerCase();
}

/** A web address as compared: scheme and host in lower case, no fragment, no trailing slash. */
export function urlKey(url: string): string {
  try {
    const u = new URL(url.trim());
    u.hash = '';
    // URL already writes the scheme and host in lower case and drops a default port.
    return u.href.replace(/\/+$/, '').replace(/\/+\?/, '?');
  } catch {
    return url.trim().replace(/\/+$/, '');
  }
}

/** A citation as compared: lower case, spacing collapsed, without a final full stop. */
export function citationKey(citation: string): string {
  return citation.toLowerCase().replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

const MAX_SHOWN = 60;
const quoted = (text: string) => `"${text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text}"`;

/** How a shared report is named in a message: its citation, and its DOI or address when also shared. */
function shared(a: Report, b: Report): string {
  const also = a.doi && b.doi && doiKey(a.doi) === doiKey(b.doi) ? `, DOI ${a.doi}` : a.url && b.url && urlKey(a.url) === urlKey(b.url) ? `, ${a.url}` : '';
  return `${quoted(a.citation)}${also}`;
}

interface Seen {
  trial: ValidFile<Trial>;
  index: number;
}

export function checkDuplicateReports(trials: readonly ValidFile<Trial>[]): Problem[] {
  const problems: Problem[] = [];
  const byCitation = new Map<string, Seen>();
  for (const trial of trials) {
    const { source, data } = trial;
    // Inside the file: the same DOI or citation twice.
    const doiSeen = new Map<string, number>();
    const citationSeen = new Map<string, number>();
    data.reports.forEach((report, index) => {
      const doi = report.doi === undefined ? undefined : doiKey(report.doi);
      const firstDoi = doi === undefined ? undefined : doiSeen.get(doi);
      const citation = citationKey(report.citation);
      const firstCitation = citationSeen.get(citation);
      if (firstDoi !== undefined) {
        problems.push(at(source, ['reports', index, 'doi'], messages.sameReportTwiceInFile('DOI', report.doi!, data.reports[firstDoi]!.id, source.locate(['reports', firstDoi, 'doi']))));
      } else if (firstCitation !== undefined) {
        problems.push(
          at(source, ['reports', index, 'citation'], messages.sameReportTwiceInFile('citation', quoted(report.citation), data.reports[firstCitation]!.id, source.locate(['reports', firstCitation, 'citation']))),
        );
      }
      if (doi !== undefined && firstDoi === undefined) doiSeen.set(doi, index);
      if (firstCitation === undefined) citationSeen.set(citation, index);

      // Across files: the same citation.
      const seen = byCitation.get(citation);
      if (!seen) byCitation.set(citation, { trial, index });
      else if (seen.trial !== trial) {
        const other = seen.trial.data.reports[seen.index]!;
        problems.push(
          at(source, ['reports', index, 'citation'], messages.sameReportInTwoFiles(shared(report, other), seen.trial.source.file, seen.trial.source.locate(['reports', seen.index, 'citation']), other.id)),
        );
      }
    });
  }
  return problems;
}
