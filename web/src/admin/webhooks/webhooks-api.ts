/** The admin API's webhooks (api-admin.md §17), typed by the API contract. */
import type { ApiClient } from '../api.js';
import type {
  DeliveryStatus,
  StatusMessage,
  WebhookCreateBody,
  WebhookDeliveryDetail,
  WebhookDeliveryList,
  WebhookEvent,
  WebhookList,
  WebhookResponse,
  WebhookStats,
  WebhookTestResult,
  WebhookUpdateBody,
} from '../../shared/types.js';

/** The delivery log shows this many rows a page. */
export const DELIVERIES_PAGE_SIZE = 20;
/** The list asks for the API's maximum page; a site with more webhooks pages with "Load more". */
export const WEBHOOKS_PAGE_SIZE = 100;

export interface DeliveryQuery {
  status: DeliveryStatus | '';
  offset: number;
}

/** The test POST waits for the receiver (up to its own 10 s timeout), so the client waits a little longer. */
const TEST_TIMEOUT_MS = 20_000;

export const webhooksApi = (api: ApiClient) => ({
  list: (offset = 0) => api.get<WebhookList>(`/api/webhooks?limit=${WEBHOOKS_PAGE_SIZE}&offset=${offset}`),
  stats: () => api.get<WebhookStats>('/api/webhooks/stats'),
  create: (body: WebhookCreateBody) => api.post<WebhookResponse>('/api/webhooks', body),
  update: (id: number, body: WebhookUpdateBody) => api.put<WebhookResponse>(`/api/webhooks/${id}`, body),
  remove: (id: number) => api.delete<StatusMessage>(`/api/webhooks/${id}`),
  test: (id: number, event_type: WebhookEvent) =>
    api.post<WebhookTestResult>(`/api/webhooks/${id}/test`, { event_type }, { timeoutMs: TEST_TIMEOUT_MS }),
  deliveries: (id: number, q: DeliveryQuery) => {
    const params = new URLSearchParams({ limit: String(DELIVERIES_PAGE_SIZE), offset: String(q.offset) });
    if (q.status) params.set('status', q.status);
    return api.get<WebhookDeliveryList>(`/api/webhooks/${id}/deliveries?${params}`);
  },
  delivery: (id: number, did: number) =>
    api.get<WebhookDeliveryDetail>(`/api/webhooks/${id}/deliveries/${did}`),
  retry: (id: number, did: number) => api.post<StatusMessage>(`/api/webhooks/${id}/deliveries/${did}/retry`),
});

export type WebhooksApi = ReturnType<typeof webhooksApi>;
