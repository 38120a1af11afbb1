/** The function the samples module exports per named type, spelled in one place (emitter, README, tests). */
export function sampleName(typeName: string): string {
  return `sample${typeName}`;
}
