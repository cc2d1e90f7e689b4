// The CLI's way to the profile model: this process's environment and home directory.
import { homedir } from 'node:os';
import { loadProfiles } from '../core/config/load.ts';
import type { ProfileSet } from '../core/config/profiles.ts';

export function loadUserProfiles(): ProfileSet {
  return loadProfiles(process.env, homedir());
}
