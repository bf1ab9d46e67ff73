/** The HTTP status an Octokit error carries (`RequestError.status`), if any. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number"
    ? error.status
    : undefined;
}
