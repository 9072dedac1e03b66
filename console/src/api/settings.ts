import { getJson } from './client';

export interface MapSettings {
  tileUrl: string | null;
  attribution: string;
  subdomains: string[];
  center: { lat: number; lng: number };
  zoom: number;
}

const FALLBACK: MapSettings = {
  tileUrl: null,
  attribution: '',
  subdomains: [],
  center: { lat: 25.9317, lng: 108.5213 },
  zoom: 11,
};

let settingsPromise: Promise<MapSettings> | null = null;

/** The deployment's map settings (GET /api/v1/console/settings, no login); without them, a plain map. */
export function mapSettings(): Promise<MapSettings> {
  settingsPromise ??= getJson<{ map: MapSettings }>('/api/v1/console/settings')
    .then((answer) => answer.map)
    .catch(() => FALLBACK);
  return settingsPromise;
}
