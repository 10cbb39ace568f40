// Map links built from coordinates (no tiles are served): OpenStreetMap and Yandex Maps.
// Yandex takes «longitude,latitude»; OpenStreetMap a marker plus the map position.
export function mapLinks(latitude: number, longitude: number): { openStreetMap: string; yandex: string } {
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return {
    openStreetMap: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`,
    yandex: `https://yandex.ru/maps/?pt=${lon},${lat}&z=17&l=map`,
  };
}

/** Great-circle distance in kilometres (haversine); the SQL in centres-repo.ts uses the same formula. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}
