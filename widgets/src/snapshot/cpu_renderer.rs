//! A renderer of epaint's tessellated meshes on the CPU, as a kittest
//! [`TestRenderer`]: snapshots need no GPU, no adapter and no display.
//!
//! It does what `egui-wgpu` does with `RendererOptions::PREDICTABLE` into an
//! `Rgba8Unorm` target (the setup of kittest's wgpu renderer), so the two
//! agree within kittest's default threshold:
//! - the target starts transparent; colours stay in gamma space, with
//!   premultiplied alpha, blended as `src + dst * (1 - src.a)` (alpha:
//!   `src.a * (1 - dst.a) + dst.a`) after the fragment is stored at 8 bits,
//!   the result stored as 8 bits after each triangle;
//! - a fragment is `vertex colour * texel`, the vertex colour interpolated
//!   across the triangle, the texel filtered as egui-wgpu's predictable
//!   filtering does (four taps at texel centres, or the nearest texel);
//! - a pixel is covered when its centre is inside the triangle, with the
//!   top-left rule for centres on an edge (so two triangles sharing an edge
//!   never both paint a pixel, and translucent meshes have no seams);
//! - every mesh is cut to its clip rectangle, rounded to whole pixels.
//!
//! The output depends only on its input: no threads, no hardware, the same
//! bytes on every run.

use std::collections::HashMap;

use ::image::RgbaImage;
use egui::epaint::textures::{TextureFilter, TextureWrapMode};
use egui::epaint::{ClippedPrimitive, ImageData, ImageDelta, Mesh, Primitive, TextureId, Vertex};
use egui::{Rect, TexturesDelta};
use egui_kittest::TestRenderer;

/// Renders egui frames to RGBA images on the CPU.
///
/// Plain data, `Send`; one renderer per harness (it keeps that harness's
/// textures).
///
/// ```
/// use brook_widgets::snapshot::CpuRenderer;
/// use egui_kittest::TestRenderer as _;
///
/// let ctx = egui::Context::default();
/// let input = egui::RawInput {
///     screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(64.0, 32.0))),
///     ..Default::default()
/// };
/// let mut output = ctx.run_ui(input, |ui| {
///     egui::CentralPanel::default().show(ui, |ui| ui.label("Hi"));
/// });
/// let mut renderer = CpuRenderer::new();
/// renderer.handle_delta(&mut output.textures_delta);
/// let image = renderer.render(&ctx, &output).unwrap();
/// assert_eq!(image.dimensions(), (64, 32));
/// ```
#[derive(Default)]
pub struct CpuRenderer {
    textures: HashMap<TextureId, Texture>,
}

impl CpuRenderer {
    /// A renderer with no textures yet (the first frame's delta brings the
    /// font atlas).
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies one texture update: a whole texture, or a patch of one.
    fn set_texture(&mut self, id: TextureId, delta: &ImageDelta) -> Result<(), String> {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        let texels: Vec<[f32; 4]> = image
            .pixels
            .iter()
            .map(|c| c.to_array().map(unorm))
            .collect();
        match delta.pos {
            None => {
                self.textures.insert(
                    id,
                    Texture {
                        width,
                        height,
                        texels,
                        nearest: delta.options.magnification == TextureFilter::Nearest,
                        wrap: delta.options.wrap_mode,
                    },
                );
            }
            Some([x0, y0]) => {
                let Some(texture) = self.textures.get_mut(&id) else {
                    return Err(format!("a patch for texture {id:?}, which was never set"));
                };
                if x0 + width > texture.width || y0 + height > texture.height {
                    return Err(format!(
                        "a {width}x{height} patch at ({x0}, {y0}) does not fit texture {id:?} of {}x{}",
                        texture.width, texture.height
                    ));
                }
                for (row, line) in texels.chunks_exact(width.max(1)).enumerate() {
                    let start = (y0 + row) * texture.width + x0;
                    texture.texels[start..start + width].copy_from_slice(line);
                }
                texture.nearest = delta.options.magnification == TextureFilter::Nearest;
                texture.wrap = delta.options.wrap_mode;
            }
        }
        Ok(())
    }

    /// Paints tessellated primitives into a new `width` x `height` image.
    ///
    /// # Errors
    /// When a mesh uses a texture this renderer was never given, indexes a
    /// vertex it does not have, or is a paint callback (GPU code, which a
    /// CPU renderer cannot run).
    pub fn render_primitives(
        &self,
        primitives: &[ClippedPrimitive],
        pixels_per_point: f32,
        [width, height]: [u32; 2],
    ) -> Result<RgbaImage, String> {
        let mut target = Target {
            width: width as usize,
            pixels: vec![0; width as usize * height as usize * 4],
        };
        for primitive in primitives {
            let clip = PixelRect::new(primitive.clip_rect, pixels_per_point, [width, height]);
            if clip.is_empty() {
                continue;
            }
            match &primitive.primitive {
                Primitive::Mesh(mesh) => {
                    self.draw_mesh(&mut target, mesh, clip, pixels_per_point)?
                }
                Primitive::Callback(_) => {
                    return Err(
                        "the frame has a paint callback (custom GPU drawing), which the CPU \
                         renderer cannot draw: render it with the `wgpu` feature"
                            .to_owned(),
                    );
                }
            }
        }
        RgbaImage::from_raw(width, height, target.pixels)
            .ok_or_else(|| "the image buffer has the wrong size".to_owned())
    }

    fn draw_mesh(
        &self,
        target: &mut Target,
        mesh: &Mesh,
        clip: PixelRect,
        pixels_per_point: f32,
    ) -> Result<(), String> {
        let Some(texture) = self.textures.get(&mesh.texture_id) else {
            return Err(format!(
                "a mesh uses texture {:?}, which the renderer was never given",
                mesh.texture_id
            ));
        };
        for triangle in mesh.indices.chunks_exact(3) {
            let vertex = |i: u32| {
                mesh.vertices
                    .get(i as usize)
                    .ok_or_else(|| format!("a mesh indexes vertex {i} of {}", mesh.vertices.len()))
            };
            let corners = [
                vertex(triangle[0])?,
                vertex(triangle[1])?,
                vertex(triangle[2])?,
            ];
            draw_triangle(target, texture, corners, clip, pixels_per_point);
        }
        Ok(())
    }
}

impl TestRenderer for CpuRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        // Sorted, so the result does not depend on hash order.
        let mut set: Vec<_> = delta.set.drain().collect();
        set.sort_by_key(|(id, _)| *id);
        for (id, deltas) in set {
            for image_delta in &deltas {
                if let Err(err) = self.set_texture(id, image_delta) {
                    log::error!("brook's CPU renderer: {err}");
                }
            }
        }
        for id in delta.free.drain() {
            self.textures.remove(&id);
        }
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<RgbaImage, String> {
        let pixels_per_point = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * pixels_per_point;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a window size in pixels"
        )]
        let size = [size.x.round() as u32, size.y.round() as u32];
        let primitives = ctx.tessellate(output.shapes.clone(), pixels_per_point);
        self.render_primitives(&primitives, pixels_per_point, size)
    }
}

/// A byte as a 0..=1 float.
fn unorm(byte: u8) -> f32 {
    f32::from(byte) / 255.0
}

/// A 0..=1 float as a byte, rounded to nearest as a GPU stores unorm8,
/// with an exact tie rounded down.
///
/// Ties are common in egui's frames: a fade (a scroll area's edge, say) is a
/// gradient whose vertex colours are bytes, so every few rows it lands on
/// `k + 0.5`. A GPU decides those by the float error of its interpolation;
/// llvmpipe, which kittest's wgpu renderer uses headless, mostly lands just
/// below the tie. Rounding ties down took the gallery's differing pixels
/// against it from 10,859 to 1,416 (of 7.7 million) and its largest
/// difference from 2/255 to 1/255 (`tests/tests/snapshot_wgpu.rs`).
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "clamped to 0..=255 first"
)]
fn to_byte(value: f32) -> u8 {
    ((value.clamp(0.0, 1.0) * 255.0) - 0.5).ceil() as u8
}

/// The image being painted: RGBA bytes, row by row.
struct Target {
    width: usize,
    pixels: Vec<u8>,
}

/// A texture as 0..=1 floats (gamma, premultiplied, as egui gives them).
struct Texture {
    width: usize,
    height: usize,
    texels: Vec<[f32; 4]>,
    nearest: bool,
    wrap: TextureWrapMode,
}

impl Texture {
    /// A texel, its coordinates wrapped as the texture's wrap mode says.
    fn texel(&self, x: i64, y: i64) -> [f32; 4] {
        #[expect(clippy::cast_possible_wrap, reason = "texture sizes are small")]
        let (w, h) = (self.width as i64, self.height as i64);
        let wrap = |c: i64, size: i64| match self.wrap {
            TextureWrapMode::Repeat => c.rem_euclid(size),
            TextureWrapMode::MirroredRepeat => {
                let phase = c.rem_euclid(2 * size);
                phase.min(2 * size - 1 - phase)
            }
            TextureWrapMode::ClampToEdge => c.clamp(0, size - 1),
        };
        if w == 0 || h == 0 {
            return [0.0; 4];
        }
        #[expect(clippy::cast_sign_loss, reason = "wrapped into the texture")]
        let index = wrap(y, h) as usize * self.width + wrap(x, w) as usize;
        self.texels.get(index).copied().unwrap_or([0.0; 4])
    }

    /// The colour at texture coordinates `uv`, filtered as egui-wgpu's
    /// predictable filtering does.
    #[expect(clippy::cast_possible_truncation, reason = "texel coordinates")]
    #[expect(clippy::cast_precision_loss, reason = "texture sizes are small")]
    fn sample(&self, [u, v]: [f32; 2]) -> [f32; 4] {
        let (w, h) = (self.width as f32, self.height as f32);
        if self.nearest {
            return self.texel((u * w).floor() as i64, (v * h).floor() as i64);
        }
        let (x, y) = (u * w - 0.5, v * h - 0.5);
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let mix =
            |a: [f32; 4], b: [f32; 4], t: f32| [0, 1, 2, 3].map(|i| a[i] * (1.0 - t) + b[i] * t);
        let top = mix(self.texel(x0, y0), self.texel(x0 + 1, y0), fx);
        let bottom = mix(self.texel(x0, y0 + 1), self.texel(x0 + 1, y0 + 1), fx);
        mix(top, bottom, fy)
    }
}

/// A clip rectangle in whole pixels, as egui-wgpu's scissor rectangle:
/// `x0..x1` by `y0..y1`.
#[derive(Clone, Copy)]
struct PixelRect {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

impl PixelRect {
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    fn new(clip: Rect, pixels_per_point: f32, [width, height]: [u32; 2]) -> Self {
        let round = |v: f32| (v * pixels_per_point).round().max(0.0) as i64;
        let (width, height) = (i64::from(width), i64::from(height));
        let x0 = round(clip.min.x).min(width);
        let y0 = round(clip.min.y).min(height);
        Self {
            x0,
            y0,
            x1: round(clip.max.x).clamp(x0, width),
            y1: round(clip.max.y).clamp(y0, height),
        }
    }

    fn is_empty(self) -> bool {
        self.x1 <= self.x0 || self.y1 <= self.y0
    }
}

/// A point in pixels, in f64 so edge tests are exact for f32 input.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct Point {
    x: f64,
    y: f64,
}

/// Which side of the edge `a -> b` the point `p` is on (twice the signed
/// area of `a b p`). Evaluated with the edge's ends in a fixed order, so the
/// two triangles sharing an edge get exactly opposite values.
fn edge(a: Point, b: Point, p: Point) -> f64 {
    let raw = |a: Point, b: Point| (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (a.x, a.y) <= (b.x, b.y) {
        raw(a, b)
    } else {
        -raw(b, a)
    }
}

/// One edge of a triangle whose area is positive: a pixel centre is inside
/// when `edge(a, b, centre)` is positive, or zero on a top or left edge.
#[derive(Clone, Copy)]
struct Edge {
    a: Point,
    b: Point,
    top_left: bool,
}

impl Edge {
    fn new(a: Point, b: Point) -> Self {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        Self {
            a,
            b,
            // With y down and positive area, a top edge runs right and a
            // left edge runs up.
            top_left: (dy == 0.0 && dx > 0.0) || dy < 0.0,
        }
    }

    fn covers(self, p: Point) -> bool {
        let w = edge(self.a, self.b, p);
        w > 0.0 || (w == 0.0 && self.top_left)
    }

    /// The range of pixel columns in row `py` (a centre's y) this edge may
    /// cover, one pixel wider on each side than the exact solution.
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    fn columns(self, py: f64) -> (i64, i64) {
        // edge(a, b, (px, py)) = slope * px + offset
        let slope = -(self.b.y - self.a.y);
        let offset = (self.b.x - self.a.x) * (py - self.a.y) + (self.b.y - self.a.y) * self.a.x;
        if slope == 0.0 {
            return if offset > 0.0 || (offset == 0.0 && self.top_left) {
                (i64::MIN, i64::MAX)
            } else {
                (1, 0)
            };
        }
        let px = -offset / slope;
        if slope > 0.0 {
            ((px - 0.5).ceil() as i64 - 1, i64::MAX)
        } else {
            (i64::MIN, (px - 0.5).floor() as i64 + 1)
        }
    }
}

/// One vertex's attributes as floats.
#[derive(Clone, Copy)]
struct Attributes {
    color: [f32; 4],
    uv: [f32; 2],
}

impl Attributes {
    fn of(vertex: &Vertex) -> Self {
        Self {
            color: vertex.color.to_array().map(unorm),
            uv: [vertex.uv.x, vertex.uv.y],
        }
    }
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    reason = "pixel coordinates within the clip rectangle"
)]
fn draw_triangle(
    target: &mut Target,
    texture: &Texture,
    corners: [&Vertex; 3],
    clip: PixelRect,
    pixels_per_point: f32,
) {
    let point = |v: &Vertex| Point {
        x: f64::from(v.pos.x * pixels_per_point),
        y: f64::from(v.pos.y * pixels_per_point),
    };
    let [p0, mut p1, mut p2] = corners.map(point);
    let [a0, mut a1, mut a2] = corners.map(Attributes::of);
    let mut area = edge(p0, p1, p2);
    if area == 0.0 || !area.is_finite() {
        return;
    }
    if area < 0.0 {
        // egui's winding order varies: make it positive.
        std::mem::swap(&mut p1, &mut p2);
        std::mem::swap(&mut a1, &mut a2);
        area = -area;
    }
    let edges = [Edge::new(p1, p2), Edge::new(p2, p0), Edge::new(p0, p1)];
    let covers = |p: Point| edges.iter().all(|e| e.covers(p));

    // Rows and columns whose centres can be inside, cut to the clip rect.
    let min_x = p0.x.min(p1.x).min(p2.x);
    let max_x = p0.x.max(p1.x).max(p2.x);
    let min_y = p0.y.min(p1.y).min(p2.y);
    let max_y = p0.y.max(p1.y).max(p2.y);
    let x_first = ((min_x - 0.5).ceil() as i64).max(clip.x0);
    let x_last = ((max_x - 0.5).floor() as i64).min(clip.x1 - 1);
    let y_first = ((min_y - 0.5).ceil() as i64).max(clip.y0);
    let y_last = ((max_y - 0.5).floor() as i64).min(clip.y1 - 1);
    if x_first > x_last || y_first > y_last {
        return;
    }

    // A triangle of one colour and one texel (most of them: egui paints
    // solid shapes with the white texel) is one source colour.
    let flat = a0.color == a1.color && a1.color == a2.color && a0.uv == a1.uv && a1.uv == a2.uv;
    let flat_color = flat.then(|| fragment(a0.color, texture.sample(a0.uv)));
    if flat_color.is_some_and(|c| c == [0.0; 4]) {
        return; // fully transparent: blending changes nothing
    }

    // Barycentric weights step linearly along a row.
    let weight_step = edges.map(|e| -(e.b.y - e.a.y) / area);

    for y in y_first..=y_last {
        let py = y as f64 + 0.5;
        let (mut lo, mut hi) = (x_first, x_last);
        for e in edges {
            let (l, h) = e.columns(py);
            lo = lo.max(l);
            hi = hi.min(h);
        }
        let centre = |x: i64| Point {
            x: x as f64 + 0.5,
            y: py,
        };
        while lo <= hi && !covers(centre(lo)) {
            lo += 1;
        }
        while hi >= lo && !covers(centre(hi)) {
            hi -= 1;
        }
        if lo > hi {
            continue;
        }
        let row = y as usize * target.width;
        let span = &mut target.pixels[(row + lo as usize) * 4..(row + hi as usize + 1) * 4];
        if let Some(src) = flat_color {
            if src[3] >= 1.0 {
                let bytes = src.map(to_byte);
                for pixel in span.chunks_exact_mut(4) {
                    pixel.copy_from_slice(&bytes);
                }
            } else {
                for pixel in span.chunks_exact_mut(4) {
                    blend(pixel, src);
                }
            }
            continue;
        }
        let start = centre(lo);
        let mut weights = edges.map(|e| edge(e.a, e.b, start) / area);
        for pixel in span.chunks_exact_mut(4) {
            let [w0, w1, w2] = weights.map(|w| w as f32);
            let color =
                [0, 1, 2, 3].map(|i| a0.color[i] * w0 + a1.color[i] * w1 + a2.color[i] * w2);
            let uv = [0, 1].map(|i| a0.uv[i] * w0 + a1.uv[i] * w1 + a2.uv[i] * w2);
            blend(pixel, fragment(color, texture.sample(uv)));
            for (w, step) in weights.iter_mut().zip(weight_step) {
                *w += step;
            }
        }
    }
}

/// The fragment shader: vertex colour times texel, clamped as a unorm
/// target clamps it.
fn fragment(color: [f32; 4], texel: [f32; 4]) -> [f32; 4] {
    [0, 1, 2, 3].map(|i| (color[i] * texel[i]).clamp(0.0, 1.0))
}

/// Premultiplied "over", as egui-wgpu's blend state: colour
/// `src + dst * (1 - src.a)`, alpha `src.a * (1 - dst.a) + dst.a`. The
/// fragment is first stored at the target's precision (8 bits), as GPUs
/// blend into an 8-bit target (llvmpipe does; this halves the pixels that
/// differ from it).
fn blend(pixel: &mut [u8], src: [f32; 4]) {
    let src = src.map(|v| unorm(to_byte(v)));
    let dst = [pixel[0], pixel[1], pixel[2], pixel[3]].map(unorm);
    let keep = 1.0 - src[3];
    pixel[0] = to_byte(src[0] + dst[0] * keep);
    pixel[1] = to_byte(src[1] + dst[1] * keep);
    pixel[2] = to_byte(src[2] + dst[2] * keep);
    pixel[3] = to_byte(src[3] * (1.0 - dst[3]) + dst[3]);
}

#[cfg(test)]
mod tests {
    use egui::epaint::{Color32, Mesh, Pos2, Rect, Vertex, WHITE_UV};

    use super::*;

    fn white_texture() -> CpuRenderer {
        let mut renderer = CpuRenderer::new();
        let image = egui::ColorImage::new([2, 2], vec![Color32::WHITE; 4]);
        renderer
            .set_texture(
                TextureId::default(),
                &ImageDelta::full(image, egui::TextureOptions::LINEAR),
            )
            .unwrap();
        renderer
    }

    fn render(renderer: &CpuRenderer, mesh: Mesh, clip: Rect, size: [u32; 2]) -> RgbaImage {
        let primitive = ClippedPrimitive {
            clip_rect: clip,
            primitive: Primitive::Mesh(mesh),
        };
        renderer.render_primitives(&[primitive], 1.0, size).unwrap()
    }

    fn rect_mesh(rect: Rect, color: Color32) -> Mesh {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(rect, color);
        mesh
    }

    #[test]
    fn an_opaque_rect_on_pixel_edges_covers_exactly_its_pixels() {
        let renderer = white_texture();
        let rect = Rect::from_min_max(Pos2::new(1.0, 1.0), Pos2::new(3.0, 4.0));
        let image = render(
            &renderer,
            rect_mesh(rect, Color32::RED),
            Rect::EVERYTHING,
            [5, 5],
        );
        for (x, y, pixel) in image.enumerate_pixels() {
            let inside = (1..3).contains(&x) && (1..4).contains(&y);
            let want = if inside {
                [255, 0, 0, 255]
            } else {
                [0, 0, 0, 0]
            };
            assert_eq!(pixel.0, want, "pixel ({x}, {y})");
        }
    }

    #[test]
    fn a_translucent_quad_has_no_seam_on_its_diagonal() {
        // Two triangles share the diagonal, which runs through pixel centres:
        // each centre on it must be painted once, not twice.
        let renderer = white_texture();
        let rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(8.0, 8.0));
        let half = Color32::from_rgba_premultiplied(64, 0, 0, 128);
        let image = render(&renderer, rect_mesh(rect, half), Rect::EVERYTHING, [8, 8]);
        let first = image.get_pixel(0, 0).0;
        assert_eq!(first, [64, 0, 0, 128]);
        assert!(image.pixels().all(|p| p.0 == first));
    }

    #[test]
    fn the_clip_rect_cuts_a_mesh_to_whole_pixels() {
        let renderer = white_texture();
        let rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(6.0, 6.0));
        let clip = Rect::from_min_max(Pos2::new(2.2, 0.0), Pos2::new(3.8, 6.0));
        let image = render(&renderer, rect_mesh(rect, Color32::WHITE), clip, [6, 6]);
        let painted: Vec<u32> = (0..6).filter(|&x| image.get_pixel(x, 0).0[3] > 0).collect();
        assert_eq!(painted, [2, 3]);
    }

    #[test]
    fn vertex_colours_are_interpolated_and_blended_premultiplied() {
        let renderer = white_texture();
        let mut mesh = Mesh::default();
        let v = |x: f32, y: f32, c: Color32| Vertex {
            pos: Pos2::new(x, y),
            uv: WHITE_UV,
            color: c,
        };
        // A horizontal gradient from black to white over 10 pixels.
        mesh.vertices = vec![
            v(0.0, 0.0, Color32::BLACK),
            v(10.0, 0.0, Color32::WHITE),
            v(10.0, 2.0, Color32::WHITE),
            v(0.0, 2.0, Color32::BLACK),
        ];
        mesh.indices = vec![0, 1, 2, 0, 2, 3];
        let image = render(&renderer, mesh, Rect::EVERYTHING, [10, 2]);
        let reds: Vec<u8> = (0..10).map(|x| image.get_pixel(x, 0).0[0]).collect();
        assert!(reds.windows(2).all(|w| w[0] < w[1]), "{reds:?}");
        assert_eq!(reds[0], 13); // 0.05 * 255
        assert_eq!(image.get_pixel(5, 1).0[3], 255);
    }

    #[test]
    fn textured_triangles_sample_the_texture_bilinearly() {
        let mut renderer = CpuRenderer::new();
        // Black on the left half, white on the right half.
        let pixels = [Color32::BLACK, Color32::WHITE].repeat(2);
        let image = egui::ColorImage::new([2, 2], pixels);
        let id = TextureId::User(7);
        renderer
            .set_texture(id, &ImageDelta::full(image, egui::TextureOptions::LINEAR))
            .unwrap();
        let mut mesh = Mesh::with_texture(id);
        mesh.add_rect_with_uv(
            Rect::from_min_max(Pos2::ZERO, Pos2::new(4.0, 1.0)),
            Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
            Color32::WHITE,
        );
        let image = render(&renderer, mesh, Rect::EVERYTHING, [4, 1]);
        let reds: Vec<u8> = (0..4).map(|x| image.get_pixel(x, 0).0[0]).collect();
        assert_eq!(reds, [0, 64, 191, 255]);
    }

    #[test]
    fn a_gradient_landing_on_a_tie_rounds_it_down() {
        // 15.5 and 77.5 of 255: where a fade from 0 to 124 over 20 rows
        // lands on rows 2 and 12 (see `to_byte`).
        assert_eq!(to_byte(15.5 / 255.0), 15);
        assert_eq!(to_byte(77.5 / 255.0), 77);
        assert_eq!(to_byte(15.6 / 255.0), 16);
        assert_eq!(to_byte(0.0), 0);
        assert_eq!(to_byte(1.0), 255);
        assert_eq!(to_byte(-0.2), 0);
        assert_eq!(to_byte(1.7), 255);
    }

    #[test]
    fn a_mesh_with_an_unknown_texture_is_an_error() {
        let renderer = CpuRenderer::new();
        let primitive = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(rect_mesh(
                Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
                Color32::RED,
            )),
        };
        let err = renderer
            .render_primitives(&[primitive], 1.0, [2, 2])
            .unwrap_err();
        assert!(err.contains("never given"), "{err}");
    }
}
