//! Pictures on PDF pages: PNG files from the site (the emblem), decoded to pixels and placed
//! as image XObjects under a fixed name.

use printpdf::{Op, Pt, RawImage, RawImageData, RawImageFormat, XObjectId, XObjectTransform};

pub struct Image {
    pub id: XObjectId,
    pub raw: RawImage,
}

impl Image {
    /// A PNG file's pixels (8 bits per channel, palettes and grey expanded to RGB(A)).
    pub fn from_png(name: &str, bytes: &[u8]) -> Result<Image, String> {
        let mut dec = png::Decoder::new_with_limits(
            std::io::Cursor::new(bytes),
            png::Limits {
                bytes: crate::load::MAX_PICTURE_BYTES,
            },
        );
        dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = dec.read_info().map_err(|e| crate::load::png_error(&e))?;
        let size = reader
            .output_buffer_size()
            .filter(|n| *n <= crate::load::MAX_PICTURE_BYTES)
            .ok_or("billedet er for stort")?;
        let mut buf = vec![0; size];
        let info = reader
            .next_frame(&mut buf)
            .map_err(|e| crate::load::png_error(&e))?;
        buf.truncate(info.buffer_size());
        let (pixels, format) = match info.color_type {
            png::ColorType::Rgb => (buf, RawImageFormat::RGB8),
            png::ColorType::Rgba => (buf, RawImageFormat::RGBA8),
            png::ColorType::Grayscale => (buf, RawImageFormat::R8),
            png::ColorType::GrayscaleAlpha => (
                buf.chunks(2)
                    .flat_map(|p| [p[0], p[0], p[0], p[1]])
                    .collect(),
                RawImageFormat::RGBA8,
            ),
            png::ColorType::Indexed => return Err("billedets farver kan ikke læses".into()),
        };
        Ok(Image {
            id: XObjectId(name.to_string()),
            raw: RawImage {
                pixels: RawImageData::U8(pixels),
                width: info.width as usize,
                height: info.height as usize,
                data_format: format,
                tag: Vec::new(),
            },
        })
    }

    /// Draw the picture `height` points tall, centred on `cx`, its top at `top` (page
    /// points from the top-left).
    pub fn draw(&self, ops: &mut Vec<Op>, (cx, top, height): (f32, f32, f32), page_height: f32) {
        let scale = height / self.raw.height.max(1) as f32;
        let width = self.raw.width as f32 * scale;
        ops.push(Op::UseXobject {
            id: self.id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(cx - width / 2.0)),
                translate_y: Some(Pt(page_height - top - height)),
                rotate: None,
                scale_x: Some(scale),
                scale_y: Some(scale),
                dpi: Some(72.0),
                no_auto_scale: false,
            },
        });
    }
}
