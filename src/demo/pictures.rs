//! Pictures for the demo's photos, drawn here rather than shipped: a street scene (sky,
//! sun, two rows of buildings with lit windows, trees, the road) whose colours, skyline
//! and time of day follow from the photo's file name. The same name gives the same bytes
//! on every machine, so loading the demo twice stores each picture once.
//!
//! Flat colours in bands keep each PNG small (tens of kilobytes), and drawing one takes a
//! few milliseconds: the demo stays as quick to load as before.

use image::{ImageFormat, Rgb, RgbImage};

use super::rng::Rng;

/// The size of a demo picture: 3:2, as a news photo, and enough for a terminal's panel.
pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 320;

/// Skies by time of day: top colour, horizon colour, and the sun's.
const SKIES: [([u8; 3], [u8; 3], [u8; 3]); 4] = [
    ([70, 130, 200], [190, 220, 240], [255, 240, 190]),
    ([40, 60, 120], [240, 150, 90], [255, 200, 120]),
    ([110, 160, 210], [230, 230, 220], [255, 250, 230]),
    ([20, 25, 60], [80, 60, 110], [240, 240, 210]),
];

const WALLS: [[u8; 3]; 6] = [
    [200, 170, 120],
    [170, 120, 100],
    [210, 200, 170],
    [140, 150, 160],
    [190, 140, 90],
    [120, 110, 130],
];

/// The PNG for the demo photo `name`.
pub fn picture(name: &str) -> Vec<u8> {
    let mut rng = Rng::new(seed(name));
    let mut img = RgbImage::new(WIDTH, HEIGHT);
    let (top, horizon, sun) = *rng.pick(&SKIES);
    let ground = HEIGHT * 5 / 6;
    sky(&mut img, top, horizon, ground);
    let (sx, sy) = (rng.range(40, u64::from(WIDTH) - 40), rng.range(30, 90));
    disc(&mut img, sx as i64, sy as i64, 22, sun);
    let night = top[2] < 70;
    skyline(
        &mut img,
        &mut rng,
        ground,
        150,
        mix(horizon, [90, 90, 110], 0.5),
        None,
    );
    skyline(&mut img, &mut rng, ground, 230, [0, 0, 0], Some(night));
    for _ in 0..rng.range(2, 5) {
        let x = rng.range(10, u64::from(WIDTH) - 10) as i64;
        tree(&mut img, x, i64::from(ground));
    }
    road(&mut img, ground);
    let mut out = std::io::Cursor::new(Vec::new());
    // Encoding an in-memory picture of a known size cannot fail; an empty Vec would be
    // refused by `media::inspect` and reported like any bad file.
    let _ = img.write_to(&mut out, ImageFormat::Png);
    out.into_inner()
}

/// FNV-1a of the name: a seed that does not change with Rust's hasher.
fn seed(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn mix(a: [u8; 3], b: [u8; 3], t: f64) -> [u8; 3] {
    let c = |i: usize| (f64::from(a[i]) * (1.0 - t) + f64::from(b[i]) * t).round() as u8;
    [c(0), c(1), c(2)]
}

/// The sky from `top` down to `horizon`, in bands of eight rows.
fn sky(img: &mut RgbImage, top: [u8; 3], horizon: [u8; 3], ground: u32) {
    for y in 0..ground {
        let band = f64::from(y / 8 * 8) / f64::from(ground);
        let colour = Rgb(mix(top, horizon, band));
        for x in 0..WIDTH {
            img.put_pixel(x, y, colour);
        }
    }
}

fn rect(img: &mut RgbImage, x0: i64, y0: i64, x1: i64, y1: i64, colour: [u8; 3]) {
    let clamp_x = |v: i64| v.clamp(0, i64::from(WIDTH)) as u32;
    let clamp_y = |v: i64| v.clamp(0, i64::from(HEIGHT)) as u32;
    for y in clamp_y(y0)..clamp_y(y1) {
        for x in clamp_x(x0)..clamp_x(x1) {
            img.put_pixel(x, y, Rgb(colour));
        }
    }
}

fn disc(img: &mut RgbImage, cx: i64, cy: i64, r: i64, colour: [u8; 3]) {
    for y in cy - r..=cy + r {
        for x in cx - r..=cx + r {
            let inside = (x - cx).pow(2) + (y - cy).pow(2) <= r * r;
            if inside && (0..i64::from(WIDTH)).contains(&x) && (0..i64::from(HEIGHT)).contains(&y) {
                img.put_pixel(x as u32, y as u32, Rgb(colour));
            }
        }
    }
}

/// A row of buildings standing on `ground`, up to `tallest` pixels high. The front row
/// (`lit` given) has wall colours and windows, lit at night; the back row is one colour.
fn skyline(img: &mut RgbImage, rng: &mut Rng, ground: u32, tallest: u64, back: [u8; 3], lit: Option<bool>) {
    let mut x = -(rng.range(0, 30) as i64);
    while x < i64::from(WIDTH) {
        let w = rng.range(40, 90) as i64;
        let h = rng.range(tallest / 3, tallest) as i64;
        let (x0, top) = (x, i64::from(ground) - h);
        let wall = match lit {
            Some(_) => *rng.pick(&WALLS),
            None => back,
        };
        rect(img, x0, top, x0 + w - 2, i64::from(ground), wall);
        if let Some(night) = lit {
            let glass = if night {
                [250, 220, 130]
            } else {
                mix(wall, [60, 80, 100], 0.6)
            };
            let dark = mix(wall, [30, 30, 40], 0.5);
            let mut y = top + 10;
            while y + 12 < i64::from(ground) - 6 {
                let mut wx = x0 + 8;
                while wx + 8 < x0 + w - 8 {
                    let on = !night || rng.chance(0.6);
                    rect(img, wx, y, wx + 8, y + 10, if on { glass } else { dark });
                    wx += 16;
                }
                y += 20;
            }
        }
        x += w;
    }
}

fn tree(img: &mut RgbImage, x: i64, ground: i64) {
    rect(img, x - 3, ground - 30, x + 3, ground, [90, 60, 40]);
    disc(img, x, ground - 40, 18, [60, 130, 70]);
    disc(img, x - 8, ground - 32, 12, [50, 115, 60]);
}

/// The road below the buildings, with its dashed centre line.
fn road(img: &mut RgbImage, ground: u32) {
    let (g, h) = (i64::from(ground), i64::from(HEIGHT));
    rect(img, 0, g, i64::from(WIDTH), h, [70, 72, 78]);
    rect(img, 0, g, i64::from(WIDTH), g + 4, [150, 150, 150]);
    let mid = (g + h) / 2;
    let mut x = 0;
    while x < i64::from(WIDTH) {
        rect(img, x, mid - 2, x + 24, mid + 2, [235, 225, 160]);
        x += 48;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_draws_its_own_picture_the_same_every_time() {
        let a = picture("long-bien-01.jpg");
        assert_eq!(a, picture("long-bien-01.jpg"));
        assert_ne!(a, picture("long-bien-02.jpg"));
        let info = crate::media::inspect(&a).unwrap();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        assert!(a.len() < 64 * 1024, "{} bytes", a.len());
        let decoded = image::load_from_memory(&a).unwrap().to_rgb8();
        // A scene, not a blank: many colours, sky above and road below.
        let colours: std::collections::HashSet<_> = decoded.pixels().collect();
        assert!(colours.len() > 8, "{} colours", colours.len());
        assert_ne!(decoded.get_pixel(5, 5), decoded.get_pixel(5, HEIGHT - 5));
    }
}
