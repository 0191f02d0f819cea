/**
 * The passcode a participant gave for a board, kept for this browser tab's session only (read out in
 * the hall, so not worth keeping on the device), and sent with the socket, the API and downloads.
 */
const keyOf = (boardId: string) => `fusen.passcode.${boardId}`;

export function storedPasscode(boardId: string): string | null {
  try {
    return sessionStorage.getItem(keyOf(boardId));
  } catch {
    return null;
  }
}

export function storePasscode(boardId: string, passcode: string): void {
  try {
    sessionStorage.setItem(keyOf(boardId), passcode);
  } catch {
    // Storage disabled: asked again on the next visit.
  }
}
