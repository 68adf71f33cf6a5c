/** Where something is: enough for a person to find it in the input. */
export interface Place {
  file?: string;
  /** 0-based position of the record (or row) in its file. */
  index?: number;
  /** Byte offset of the record (or of the problem) in the file. */
  offset?: number;
  /** 1-based line in a text input. */
  line?: number;
  recordId?: string;
  tag?: string;
  /** 0-based occurrence of the tag in the record. */
  occurrence?: number;
  subfield?: string;
}

export function formatPlace(place: Place): string {
  const parts: string[] = [];
  if (place.file !== undefined) parts.push(place.file);
  if (place.index !== undefined) parts.push(`record ${place.index + 1}`);
  if (place.line !== undefined) parts.push(`line ${place.line}`);
  if (place.offset !== undefined) parts.push(`byte ${place.offset}`);
  if (place.recordId !== undefined) parts.push(`id ${place.recordId}`);
  if (place.tag !== undefined) {
    let field = place.tag;
    if (place.occurrence !== undefined && place.occurrence > 0) field += `[${place.occurrence + 1}]`;
    if (place.subfield !== undefined) field += ` $${place.subfield}`;
    parts.push(field);
  }
  return parts.join(', ');
}
