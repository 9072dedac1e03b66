import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { MapSettings } from '../api/settings';

export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  color: string;
  /** Larger ring for what needs attention (overdue, escalated). */
  emphasis?: boolean;
  /** Plain text shown on hover and click. */
  label: string;
  href?: string;
}

export interface MapArea {
  id: string;
  name: string;
  boundary: Record<string, unknown>;
}

export interface MapViewProps {
  settings: MapSettings;
  points?: MapPoint[];
  areas?: MapArea[];
  /** The place picked (report forms); clicking the map moves it when onPick is given. */
  picked?: { lat: number; lng: number } | null;
  onPick?: (point: { lat: number; lng: number }) => void;
  height: number;
  /** What the map shows, for screen readers. */
  label: string;
}

/**
 * Leaflet with the deployment's tiles when it has any, else a plain background on which the grid boundaries and
 * the issues still draw (a county without a tile key, or offline). Markers are circles: no image assets.
 */
export default function MapView(props: MapViewProps) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<L.LayerGroup | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;

  useEffect(() => {
    if (!element.current) return;
    const { settings } = props;
    const instance = L.map(element.current, {
      center: [settings.center.lat, settings.center.lng],
      zoom: settings.zoom,
      attributionControl: true,
    });
    if (settings.tileUrl) {
      L.tileLayer(settings.tileUrl, {
        attribution: settings.attribution,
        subdomains: settings.subdomains.length ? settings.subdomains : 'abc',
        maxZoom: 18,
      }).addTo(instance);
    }
    instance.on('click', (event: L.LeafletMouseEvent) =>
      onPick.current?.({ lat: round(event.latlng.lat), lng: round(event.latlng.lng) }),
    );
    layers.current = L.layerGroup().addTo(instance);
    map.current = instance;
    return () => {
      instance.remove();
      map.current = null;
    };
    // The map is made once; its contents follow the props in the next effect.
  }, []);

  useEffect(() => {
    const group = layers.current;
    const instance = map.current;
    if (!group || !instance) return;
    group.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const area of props.areas ?? []) {
      const layer = L.geoJSON(area.boundary as unknown as GeoJSON.GeoJsonObject, {
        style: { color: '#0b6e4f', weight: 2, fillColor: '#0b6e4f', fillOpacity: 0.08 },
      }).bindTooltip(area.name, { sticky: true });
      layer.addTo(group);
      bounds.extend(layer.getBounds());
    }
    for (const point of props.points ?? []) {
      const marker = L.circleMarker([point.lat, point.lng], {
        radius: point.emphasis ? 9 : 7,
        color: point.emphasis ? '#7f1d1d' : '#ffffff',
        weight: point.emphasis ? 3 : 2,
        fillColor: point.color,
        fillOpacity: 0.95,
      });
      marker.bindTooltip(point.label);
      if (point.href) {
        const link = document.createElement('a');
        link.href = point.href;
        link.textContent = point.label;
        marker.bindPopup(link);
      }
      marker.addTo(group);
      bounds.extend([point.lat, point.lng]);
    }
    if (props.picked) {
      L.circleMarker([props.picked.lat, props.picked.lng], {
        radius: 10,
        color: '#1d4ed8',
        weight: 3,
        fillColor: '#60a5fa',
        fillOpacity: 0.9,
      }).addTo(group);
      instance.setView([props.picked.lat, props.picked.lng], Math.max(instance.getZoom(), 14));
    } else if (bounds.isValid()) {
      instance.fitBounds(bounds.pad(0.15), { maxZoom: 14 });
    }
  }, [props.points, props.areas, props.picked]);

  return (
    <div
      ref={element}
      className={props.settings.tileUrl ? 'map-view' : 'map-view map-plain'}
      style={{ height: props.height }}
      role="region"
      aria-label={props.label}
    />
  );
}

function round(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
