/**
 * A unified diff (as `diff -u` prints it, 3 lines of context) between two
 * texts, for `--dry-run`. The diff library is loaded only when a diff is
 * shown; its Myers algorithm keeps a large config's diff fast and small.
 */
export async function unifiedDiff(before: string, after: string, label: string): Promise<string> {
  if (before === after) return "";
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import("diff");
  return createTwoFilesPatch(label, `${label} (after sync)`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
