/** A byte count as people read it: 512 bytes, 1.5 KB, 120 MB (`unit` names the bytes below a KB: a table says B). */
export function formatBytes(bytes: number, unit: 'bytes' | 'B' = 'bytes'): string {
  if (bytes < 1024) return `${bytes} ${unit}`;
  const units = ['KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1024;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[index]}`;
}
