import { describe, expect, it } from 'vitest';
import {
  capabilitiesOf,
  codeVersionOf,
  effectiveStatus,
  parseJsonObject,
  reportedStatus,
} from './worker.mapper.js';

describe('worker mapping', () => {
  it('effective status: disabled, then offline (stale, never seen or swept), then active/idle', () => {
    const base = { offlineThresholdSeconds: 300, hasJob: false };
    expect(effectiveStatus({ ...base, status: 'disabled', heartbeatAgeSeconds: 1 })).toBe('disabled');
    expect(effectiveStatus({ ...base, status: 'active', heartbeatAgeSeconds: 301 })).toBe('offline');
    expect(effectiveStatus({ ...base, status: 'active', heartbeatAgeSeconds: null })).toBe('offline');
    expect(effectiveStatus({ ...base, status: 'offline', heartbeatAgeSeconds: 1 })).toBe('offline');
    expect(effectiveStatus({ ...base, status: 'busy', heartbeatAgeSeconds: 10 })).toBe('idle');
    expect(effectiveStatus({ ...base, status: 'idle', heartbeatAgeSeconds: 10, hasJob: true })).toBe(
      'active',
    );
    expect(reportedStatus('busy', 10, 300)).toBe('busy');
    expect(reportedStatus('busy', 400, 300)).toBe('offline');
    expect(reportedStatus('disabled', 400, 300)).toBe('disabled');
  });

  it('capabilities come from metadata.capabilities, the capabilities column or flat metadata', () => {
    const nested = {
      metadata: '{"capabilities":{"gpu_name":"A"},"code_version":"v2"}',
      capabilities: '{"gpu_name":"B"}',
    };
    expect(capabilitiesOf(nested)).toEqual({ gpu_name: 'A' });
    expect(codeVersionOf(nested)).toBe('v2');
    const column = {
      metadata: '{"deployment_type":"docker"}',
      capabilities: '{"gpu_name":"B","code_version":"v3"}',
    };
    expect(capabilitiesOf(column)).toEqual({ gpu_name: 'B', code_version: 'v3' });
    expect(codeVersionOf(column)).toBe('v3');
    expect(capabilitiesOf({ metadata: '{"hwaccel_type":"vaapi"}', capabilities: null })).toEqual({
      hwaccel_type: 'vaapi',
    });
    expect(parseJsonObject('not json')).toBeNull();
    expect(parseJsonObject('[1]')).toBeNull();
    expect(capabilitiesOf({ metadata: 'broken', capabilities: null })).toEqual({});
  });
});
