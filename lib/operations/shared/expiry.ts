/** When a signed URL or form stops working, as an ISO date (the results' ExpiresAt). */
export const expiryDate = (seconds: number, from = new Date()): string =>
  new Date(from.getTime() + seconds * 1000).toISOString();
