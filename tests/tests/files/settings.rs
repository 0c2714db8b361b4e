//! The window's settings (`settings.ron`): bad files set aside under
//! unique names and never written over, short warnings, and saves that
//! leave no temporary file.

use brook::settings::{self, Settings, Theme};

use crate::{Bad, EVERY_BAD, names_in, set_aside_copies, temp_dir};

fn settings_file(test: &str) -> std::path::PathBuf {
    temp_dir(&format!("settings-{test}")).join("settings.ron")
}

fn dark() -> Settings {
    Settings {
        theme: Theme::Dark,
        ..Settings::default()
    }
}

// Issue 11, case 12
#[test]
fn a_settings_file_that_is_not_utf8_is_set_aside_and_not_overwritten() {
    let path = settings_file("utf8");
    std::fs::write(&path, [b'(', 0xff, 0xfe, b')']).unwrap();
    let loaded = settings::load(&path);
    assert_eq!(loaded.settings, Settings::default());
    assert!(loaded.warning.unwrap_or_default().contains("UTF-8"));
    assert!(loaded.writable);
    settings::save(&path, &dark()).unwrap();
    let copies = set_aside_copies(&path);
    assert_eq!(copies.len(), 1, "set aside before anything is written");
    assert_eq!(std::fs::read(&copies[0]).unwrap(), [b'(', 0xff, 0xfe, b')']);
    assert_eq!(settings::load(&path).settings, dark());
}

// Issue 11, case 12 (failure injection: every kind of unusable file)
#[test]
fn every_unusable_settings_file_is_set_aside_once_and_nothing_is_lost() {
    let good = "(\n    theme: Dark,\n    wide: true,\n    window_size: Some((800.0, 600.0)),\n)";
    for bad in EVERY_BAD {
        let path = settings_file(&format!("matrix-{bad:?}"));
        bad.make(&path, good, "[1, 2, 3]");
        let before = Bad::snapshot(&path);
        let loaded = settings::load(&path);
        assert_eq!(loaded.settings, Settings::default(), "{bad:?}");
        let copies = set_aside_copies(&path);
        assert_eq!(copies.len(), 1, "{bad:?}: set aside");
        assert_eq!(Bad::snapshot(&copies[0]), before, "{bad:?}: nothing lost");
        let warning = loaded.warning.unwrap_or_default();
        assert!(
            warning.contains(&*copies[0].to_string_lossy()),
            "{bad:?}: one warning naming the copy: {warning}"
        );
        assert!(loaded.writable, "{bad:?}");
        settings::save(&path, &dark()).unwrap();
        assert_eq!(
            Bad::snapshot(&copies[0]),
            before,
            "{bad:?}: not overwritten"
        );
        let again = settings::load(&path);
        assert_eq!(
            (again.settings, again.warning),
            (dark(), None),
            "{bad:?}: reported once"
        );
    }
}

// Issue 11, case 12
#[test]
fn a_second_bad_settings_file_keeps_the_first_copy() {
    let path = settings_file("second");
    std::fs::write(&path, "(theme: First").unwrap();
    let _ = settings::load(&path);
    std::fs::write(&path, "(theme: Second").unwrap();
    let _ = settings::load(&path);
    let mut texts: Vec<String> = set_aside_copies(&path)
        .iter()
        .map(|c| std::fs::read_to_string(c).unwrap())
        .collect();
    texts.sort();
    assert_eq!(texts, ["(theme: First", "(theme: Second"]);
}

// Issue 11, case 12
#[test]
fn a_huge_bad_settings_file_gives_a_short_warning() {
    let path = settings_file("huge");
    std::fs::write(&path, format!("(theme: {})", "X".repeat(1 << 20))).unwrap();
    let warning = settings::load(&path).warning.unwrap_or_default();
    assert!(!warning.is_empty());
    assert!(warning.len() < 1000, "{} bytes", warning.len());
}

// Issue 11, case 12
#[test]
fn a_failed_settings_save_leaves_no_temporary_file() {
    let path = settings_file("failed-save");
    let dir = path.parent().unwrap().to_owned();
    std::fs::create_dir_all(path.join("inside")).unwrap();
    assert!(settings::save(&path, &dark()).is_err());
    assert_eq!(names_in(&dir), ["settings.ron"]);
    assert!(path.join("inside").is_dir(), "what was there is untouched");
}
