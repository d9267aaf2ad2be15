/** Links into a playlist, shared by the playlist page and the watch page's playlist panel. */
import { watchUrl } from './cards.js';

export function playlistUrl(slug: string): string {
  return `/playlist/${encodeURIComponent(slug)}`;
}

/** A video's watch page opened from a playlist: `?list=` keeps the playlist (api of ui.md's watch page). */
export function watchInPlaylistUrl(videoSlug: string, playlistSlug: string): string {
  return `${watchUrl(videoSlug)}?list=${encodeURIComponent(playlistSlug)}`;
}

export const PLAYLIST_TYPE_LABELS: Record<string, string> = {
  playlist: 'Playlist',
  collection: 'Collection',
  series: 'Series',
  course: 'Course',
};

export const videoCount = (n: number) => `${n} ${n === 1 ? 'video' : 'videos'}`;
