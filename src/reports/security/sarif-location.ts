// Where a SARIF result points: the first physical location, its URI resolved against originalUriBaseIds.
import { asNumber, asString, isRecord } from "../read.js";

export interface SarifPlace {
  file?: string;
  line?: number;
  end_line?: number;
  snippet?: string;
}

type BaseIds = Record<string, unknown>;

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `file:///a/b` → `/a/b`, `file:///C:/x` → `C:/x`; other URIs are kept as written. Percent-escapes decoded. */
export function uriToPath(uri: string): string {
  if (/^file:/i.test(uri)) {
    const rest = uri.replace(/^file:(\/\/[^/]*)?/i, "");
    const path = /^\/[A-Za-z]:\//.test(rest) ? rest.slice(1) : rest;
    return decode(path);
  }
  return /^[a-z][a-z0-9+.-]*:/i.test(uri) ? uri : decode(uri);
}

/** Resolves `uri` against the base named `baseId` (bases may chain), at most 8 steps deep. */
function resolveUri(uri: string, baseId: string | undefined, bases: BaseIds | undefined, depth = 0): string {
  if (baseId === undefined || bases === undefined || depth > 8 || /^[a-z][a-z0-9+.-]*:/i.test(uri))
    return uri;
  const base = bases[baseId];
  if (!isRecord(base)) return uri;
  const baseUri = asString(base.uri);
  if (baseUri === undefined) return uri;
  const joined =
    baseUri === "" ? uri : `${baseUri.endsWith("/") ? baseUri : `${baseUri}/`}${uri.replace(/^\/+/, "")}`;
  return resolveUri(joined, asString(base.uriBaseId), bases, depth + 1);
}

function artifactUri(loc: Record<string, unknown>, artifacts: unknown): { uri?: string; baseId?: string } {
  const uri = asString(loc.uri);
  const baseId = asString(loc.uriBaseId);
  if (uri !== undefined) return baseId === undefined ? { uri } : { uri, baseId };
  const index = asNumber(loc.index);
  if (index !== undefined && Array.isArray(artifacts)) {
    const artifact: unknown = artifacts[index];
    if (isRecord(artifact) && isRecord(artifact.location)) return artifactUri(artifact.location, undefined);
  }
  return {};
}

export function sarifPlace(result: Record<string, unknown>, run: Record<string, unknown>): SarifPlace {
  const locations = Array.isArray(result.locations) ? result.locations : [];
  const first: unknown = locations.find((l) => isRecord(l) && isRecord(l.physicalLocation));
  if (!isRecord(first) || !isRecord(first.physicalLocation)) return {};
  const physical = first.physicalLocation;
  const place: SarifPlace = {};
  if (isRecord(physical.artifactLocation)) {
    const { uri, baseId } = artifactUri(physical.artifactLocation, run.artifacts);
    const bases = isRecord(run.originalUriBaseIds) ? run.originalUriBaseIds : undefined;
    if (uri !== undefined && uri !== "") place.file = uriToPath(resolveUri(uri, baseId, bases));
  }
  const region = physical.region;
  if (isRecord(region)) {
    const line = asNumber(region.startLine);
    if (line !== undefined) place.line = line;
    const end = asNumber(region.endLine);
    if (end !== undefined) place.end_line = end;
    if (isRecord(region.snippet)) {
      const text = asString(region.snippet.text);
      if (text !== undefined) place.snippet = text;
    }
  }
  if (
    place.snippet === undefined &&
    isRecord(physical.contextRegion) &&
    isRecord(physical.contextRegion.snippet)
  ) {
    const text = asString(physical.contextRegion.snippet.text);
    if (text !== undefined) place.snippet = text;
  }
  return place;
}
