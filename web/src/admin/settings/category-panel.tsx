/** The settings of one category (from the catalogue and the stored custom keys), each with its own save. */
import type { ComponentChildren } from 'preact';
import type { Setting, SettingsApi } from './settings-api.js';
import type { ListedSetting } from './settings-list.js';
import { panelId, tabId } from './category-tabs.js';
import { categoryLabel } from './setting-value.js';
import { SettingField } from './setting-field.js';

export interface SettingHandlers {
  api: SettingsApi;
  onSaved: (setting: Setting) => void;
  onReset: (key: string) => void;
}

/** The fields of a list of settings. */
export function SettingsList(props: { settings: ListedSetting[] } & SettingHandlers) {
  return (
    <div class="settings-list">
      {props.settings.map((s) => (
        <SettingField
          key={s.key}
          setting={s}
          api={props.api}
          onSaved={props.onSaved}
          onReset={props.onReset}
        />
      ))}
    </div>
  );
}

/** The open category sub-tab. */
export function CategoryPanel(
  props: { category: string; settings: ListedSetting[]; children?: ComponentChildren } & SettingHandlers,
) {
  const { category } = props;
  return (
    <div
      class="settings-panel"
      role="tabpanel"
      id={panelId(category)}
      aria-labelledby={tabId(category)}
      tabIndex={0}
    >
      <h3 class="settings-panel-title">{categoryLabel(category)}</h3>
      {props.children}
      <SettingsList {...props} />
    </div>
  );
}

/** Search results: the matching settings of every category, under their category's name. */
export function SearchResults(
  props: { found: Record<string, ListedSetting[]>; query: string } & SettingHandlers,
) {
  const entries = Object.entries(props.found);
  return (
    <div class="settings-panel settings-results" id="settings-results" aria-live="polite">
      {entries.length === 0 ? (
        <p class="muted settings-no-match">No setting matches “{props.query}”.</p>
      ) : (
        entries.map(([category, settings]) => (
          <section key={category} class="settings-result-group" data-category={category}>
            <h3 class="settings-panel-title">{categoryLabel(category)}</h3>
            <SettingsList {...props} settings={settings} />
          </section>
        ))
      )}
    </div>
  );
}
