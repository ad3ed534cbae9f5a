export interface Note {
  id: number;
  text: string;
}

export function formatNote(n: Note): string {
  return `#${n.id} ${n.text}`;
}
