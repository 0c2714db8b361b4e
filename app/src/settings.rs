//! Window settings remembered across restarts: theme, layout, display
//! timezone. (The window's position, size and maximized state are eframe's
//! to remember.)
//! Stored as RON in the platform config folder
//! (`$XDG_CONFIG_HOME/brook/<app>/settings.ron`, else
//! `~/.config/brook/<app>/settings.ron`). A file that cannot be used is
//! renamed aside with a visible warning and never overwritten; writes are
//! atomic and durable.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The theme choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// egui's preference for this choice.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// What the window remembers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Light, dark, or the system's.
    pub theme: Theme,
    /// Wide layout: the page uses the whole window width.
    pub wide: bool,
    /// The display timezone: `None` shows aware values in their own zone,
    /// `"Local"` in the system's, else an IANA name.
    pub display_zone: Option<String>,
}

impl Settings {
    /// The display zone as brook's engine takes it.
    pub fn display_zone(&self) -> brook_engine::time::DisplayZone {
        use brook_engine::time::DisplayZone;
        match self.display_zone.as_deref() {
            None => DisplayZone::Own,
            Some("Local") => DisplayZone::Local,
            Some(name) => name.parse().map_or(DisplayZone::Own, DisplayZone::Zone),
        }
    }
}

/// The config folder of an app titled `title`.
pub fn config_dir(title: &str) -> PathBuf {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))
        .unwrap_or_else(std::env::temp_dir)
        .join("brook")
        .join(slug.trim_matches('-'))
}

/// What [`load`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The settings read, or the defaults.
    pub settings: Settings,
    /// Why the file could not be used, for the window (also logged).
    pub warning: Option<String>,
    /// Whether [`save`] may write the file: false when a file is there that
    /// could not be used nor set aside, so it is never written over.
    pub writable: bool,
}

/// Reads the settings at `path`: defaults when there is no file. A file
/// that cannot be used (unreadable, not UTF-8, damaged, empty, a folder) is
/// renamed to a unique name beside it (see [`brook_engine::files`]) and the
/// defaults are used, with a warning that is also logged.
pub fn load(path: &Path) -> Loaded {
    use brook_engine::files::FileText;
    let problem = match brook_engine::files::read_text(path) {
        FileText::Missing => return Loaded::fine(Settings::default()),
        FileText::Unusable(reason) => reason,
        FileText::Text(text) => match ron::from_str(&text) {
            Ok(settings) => return Loaded::fine(settings),
            Err(_) if text.trim().is_empty() => "it is empty".to_owned(),
            Err(err) => format!(
                "it is damaged ({})",
                brook_engine::notices::shorten(&err.to_string())
            ),
        },
    };
    let (kept, writable) = match brook_engine::files::set_aside(path) {
        Ok(aside) => (format!("it was kept as `{}`", aside.display()), true),
        Err(err) => (
            format!(
                "it could not be moved aside ({err}), so it is left as it is and your settings are \
                 not saved. `{}`",
                path.display()
            ),
            false,
        ),
    };
    let warning =
        format!("Your settings file could not be used: {problem}; {kept}; defaults are used.");
    log::warn!(target: "brook", "{warning}");
    Loaded {
        settings: Settings::default(),
        warning: Some(warning),
        writable,
    }
}

impl Loaded {
    fn fine(settings: Settings) -> Self {
        Self {
            settings,
            warning: None,
            writable: true,
        }
    }
}

/// Writes the settings atomically and durably.
///
/// # Errors
/// When the file cannot be written (see
/// [`brook_engine::files::write_atomically`]); it is then as it was.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())
        .map_err(|err| std::io::Error::other(err.to_string()))?;
    brook_engine::files::write_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("brook-settings-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).ok();
        dir.join("settings.ron")
    }

    #[test]
    fn settings_round_trip() {
        let path = temp("round");
        let settings = Settings {
            theme: Theme::Dark,
            wide: true,
            display_zone: Some("Europe/Oslo".into()),
        };
        save(&path, &settings).ok();
        assert_eq!(load(&path), Loaded::fine(settings));
    }

    // Issue 13: the window's size moved to eframe's persistence; a file
    // written before still loads, keeping its other settings.
    #[test]
    fn a_settings_file_with_the_old_window_size_still_loads() {
        let path = temp("old-size");
        std::fs::write(
            &path,
            "(theme: Dark, wide: true, window_size: Some((800.0, 600.0)))",
        )
        .ok();
        let loaded = load(&path);
        assert_eq!(loaded.warning, None);
        assert_eq!(loaded.settings.theme, Theme::Dark);
        assert!(loaded.settings.wide);
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_with_a_warning() {
        let path = temp("corrupt");
        std::fs::write(&path, "(theme: Purple, wide: maybe").ok();
        let loaded = load(&path);
        assert_eq!(loaded.settings, Settings::default());
        let warning = loaded.warning.unwrap_or_default();
        assert!(warning.contains("damaged"), "{warning}");
        assert!(
            !path.exists(),
            "the bad file is moved, not left to be overwritten"
        );
        let aside: Vec<_> = std::fs::read_dir(path.parent().unwrap_or(Path::new(".")))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("settings.ron.bad-")
            })
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read_to_string(aside[0].path()).unwrap_or_default(),
            "(theme: Purple, wide: maybe"
        );
    }
}
