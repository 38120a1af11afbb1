/** Media types as compared: lower case, parameters dropped (`application/json; charset=utf-8` is `application/json`). */
export function bareMediaType(mediaType: string): string {
  return mediaType.split(";")[0]!.trim().toLowerCase();
}
