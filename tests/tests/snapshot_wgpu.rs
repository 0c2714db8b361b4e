//! brook's CPU renderer against kittest's wgpu renderer, on the gallery
//! pages: kittest's comparison (default threshold) must find no failing
//! pixel. Needs the `wgpu` feature and an adapter (llvmpipe does):
//!
//! ```sh
//! cargo test -p brook-tests --features wgpu --test snapshot_wgpu -- --nocapture
//! ```
//!
//! It prints, per page and theme, the largest difference of one channel and
//! how many pixels differ at all, and leaves both images in a temporary
//! folder it names. Not part of CI (wgpu is a heavy build).

use brook::testing::{Renderer, SnapshotExt as _};
use brook_tests::snapshot::{THEMES, gallery_options, gallery_page, gallery_pages};

#[test]
fn cpu_and_wgpu_renderers_agree_on_the_gallery_pages() {
    let dir = std::env::temp_dir().join(format!("brook-cpu-vs-wgpu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "images (<page>_<theme>.png by the CPU, .wgpu.png by wgpu) in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for page in &gallery_pages() {
        let at = gallery_page(page);
        for (theme, suffix) in THEMES {
            let name = format!("{page}_{suffix}");
            let cpu_options = gallery_options(theme).output_path(&dir);
            let cpu = at.render_frame(&cpu_options).unwrap();
            let gpu_options = cpu_options.clone().renderer(Renderer::Wgpu);
            let gpu = at.render_frame(&gpu_options).unwrap();
            let max = cpu
                .as_raw()
                .iter()
                .zip(gpu.as_raw())
                .map(|(a, b)| a.abs_diff(*b))
                .max()
                .unwrap_or(0);
            let differing = cpu
                .pixels()
                .zip(gpu.pixels())
                .filter(|(a, b)| a != b)
                .count();
            // kittest's comparison of the wgpu image with the CPU one.
            cpu.save(dir.join(format!("{name}.png"))).unwrap();
            gpu.save(dir.join(format!("{name}.wgpu.png"))).unwrap();
            let verdict = at.try_snapshot(&name, &gpu_options);
            println!(
                "{name}: max channel difference {max}, {differing} of {} pixels differ; \
                 kittest (threshold {}): {}",
                cpu.width() * cpu.height(),
                gpu_options.threshold,
                match &verdict {
                    Ok(()) => "pass".to_owned(),
                    Err(err) => err.to_string(),
                }
            );
            if let Err(err) = verdict {
                failures.push(err.to_string());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
