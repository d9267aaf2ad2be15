import type { AdminClient } from '../admin-client.js';

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 2)}..` : s.padEnd(n));

export async function listCommand(
  client: AdminClient,
  args: { status?: string; archived: boolean },
  print: (s: string) => void,
) {
  if (args.archived) {
    const r = (await client.get('/videos/archived')) as {
      videos: Array<{ id: number; title: string; slug: string; deleted_at: string }>;
      total: number;
    };
    print(`Archived videos (${r.total} total):`);
    print(`${pad('ID', 6)} ${pad('Deleted At', 20)} ${pad('Title', 40)} Slug`);
    for (const v of r.videos)
      print(`${pad(String(v.id), 6)} ${pad(v.deleted_at.slice(0, 19), 20)} ${pad(v.title, 40)} ${v.slug}`);
    return;
  }
  const query = args.status ? `?status=${encodeURIComponent(args.status)}` : '';
  const r = (await client.get(`/videos${query}`)) as {
    videos: Array<{ id: number; status: string; title: string; category_name: string | null }>;
  };
  print(`${pad('ID', 6)} ${pad('Status', 11)} ${pad('Title', 40)} Category`);
  for (const v of r.videos)
    print(`${pad(String(v.id), 6)} ${pad(v.status, 11)} ${pad(v.title, 40)} ${v.category_name ?? '-'}`);
}

export async function categoriesCommand(
  client: AdminClient,
  args: { create?: string; description?: string },
  print: (s: string) => void,
) {
  if (args.create) {
    const c = (await client.post('/categories', {
      name: args.create,
      description: args.description ?? '',
    })) as { name: string; slug: string };
    print(`Created category: ${c.name} (slug: ${c.slug})`);
    return;
  }
  const list = (await client.get('/categories')) as Array<{
    id: number;
    name: string;
    slug: string;
    video_count: number;
  }>;
  print(`${pad('ID', 6)} ${pad('Name', 30)} ${pad('Slug', 30)} Videos`);
  for (const c of list)
    print(`${pad(String(c.id), 6)} ${pad(c.name, 30)} ${pad(c.slug, 30)} ${c.video_count}`);
}

export async function deleteCommand(
  client: AdminClient,
  args: { id: number; permanent: boolean },
  print: (s: string) => void,
) {
  await client.delete(`/videos/${args.id}${args.permanent ? '?permanent=true' : ''}`);
  print(`Video ${args.id} ${args.permanent ? 'permanently deleted' : 'deleted'}.`);
}
