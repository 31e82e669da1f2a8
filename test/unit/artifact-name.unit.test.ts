import { describe, expect, it } from 'vitest';
import { fallbackArtifactName, isNameConflict } from '../../src/deliver/artifact.js';

describe('artifact name conflicts', () => {
  it('recognises the error @actions/artifact 6.x throws for a name taken in the run, and nothing else', () => {
    // As thrown by lib/internal/shared/artifact-twirp-client.js for a 409 from CreateArtifact.
    const taken = new Error(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
    );
    expect(isNameConflict(taken)).toBe(true);
    expect(
      isNameConflict(new Error('Failed to CreateArtifact: Failed to make request after 5 attempts: (500)')),
    ).toBe(false);
    expect(isNameConflict(new Error('Failed to FinalizeArtifact: (409) Conflict'))).toBe(false);
    expect(isNameConflict('already exists')).toBe(false);
  });

  it('the fallback name keeps to characters an artifact name may hold', () => {
    expect(fallbackArtifactName('agent-patch-1-1', 'agent', 'deadbeef')).toBe(
      'agent-patch-1-1-agent-deadbeef',
    );
    expect(fallbackArtifactName('p', 'a/b:c"d', '0a1b2c3d')).toBe('p-a-b-c-d-0a1b2c3d');
  });
});
