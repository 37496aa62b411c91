use super::*;

/// A real PNG of the given size, made the way a camera app would.
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 40) as u8, (y * 40) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn the_header_gives_format_and_size_and_other_files_are_refused() {
    let info = inspect(&png(7, 3)).unwrap();
    assert_eq!(
        info,
        ImageInfo {
            format: Format::Png,
            width: 7,
            height: 3
        }
    );
    assert!(matches!(
        inspect(b"hello, not an image"),
        Err(MediaError::NotAnImage)
    ));
    assert!(matches!(inspect(b""), Err(MediaError::NotAnImage)));
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    let err = inspect(gif).unwrap_err();
    assert!(err.to_string().contains("GIF"), "{err}");
}

#[test]
fn the_same_picture_is_kept_once_under_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = png(4, 4);
    let info = inspect(&bytes).unwrap();
    let a = store(dir.path(), &bytes, info).unwrap();
    let b = store(dir.path(), &bytes, info).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.file, format!("{}.png", a.sha256));
    assert_eq!(a.sha256.len(), 64);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from(&a.file)],
        "one file, no temp left"
    );
    assert_eq!(std::fs::read(dir.path().join(&a.file)).unwrap(), bytes);
}

#[test]
fn ssh_commands_are_read_strictly() {
    use SshCommand::*;
    let put = |n: &str| PhotoPut(PutName::parse(n).unwrap());
    let long = format!("photo-put {}.jpg", "a".repeat(200));
    let table: &[(&str, SshCommand)] = &[
        ("photo-put anh-1.jpg", put("anh-1.jpg")),
        ("photo-put IMG_2024+01.webp", put("IMG_2024+01.webp")),
        ("photo-put ../x", BadPhotoPut),
        ("photo-put ..", BadPhotoPut),
        ("photo-put a..jpg", BadPhotoPut),
        ("photo-put -rf", BadPhotoPut),
        ("photo-put .bashrc", BadPhotoPut),
        ("photo-put a;b", BadPhotoPut),
        ("photo-put a|b", BadPhotoPut),
        ("photo-put $(id)", BadPhotoPut),
        ("photo-put `id`", BadPhotoPut),
        ("photo-put 'a.jpg'", BadPhotoPut),
        ("photo-put \"a.jpg\"", BadPhotoPut),
        ("photo-put a/b.jpg", BadPhotoPut),
        ("photo-put /etc/passwd", BadPhotoPut),
        ("photo-put a\\b", BadPhotoPut),
        ("photo-put a b", BadPhotoPut),
        ("photo-put  a.jpg", BadPhotoPut),
        ("photo-put a.jpg ", BadPhotoPut),
        ("photo-put\ta.jpg", BadPhotoPut),
        ("photo-put a.jpg\n", BadPhotoPut),
        ("photo-put a\u{1b}[2J.jpg", BadPhotoPut),
        ("photo-put ảnh.jpg", BadPhotoPut),
        ("photo-put ", BadPhotoPut),
        ("photo-put", BadPhotoPut),
        (&long, BadPhotoPut),
        ("scp -t media/x.jpg", Ignored),
        ("photo-puts a.jpg", Ignored),
        ("photo-put-x a.jpg", Ignored),
        (" photo-put a.jpg", Ignored),
        ("PHOTO-PUT a.jpg", Ignored),
        ("", Ignored),
        ("rm -rf /", Ignored),
    ];
    for (command, want) in table {
        assert_eq!(&parse_ssh_command(command), want, "{command:?}");
    }
    assert!(PutName::parse(&"a".repeat(PutName::MAX_LEN)).is_some());
    assert!(PutName::parse(&"a".repeat(PutName::MAX_LEN + 1)).is_none());
}

#[test]
fn the_inbox_takes_images_within_the_limit_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let name = PutName::parse("a.png").unwrap();
    let bytes = png(5, 5);
    let (path, info, n) = put_in_inbox(dir.path(), "lan", &name, &bytes[..], 1 << 20).unwrap();
    assert_eq!(path, dir.path().join("inbox/lan/a.png"));
    assert_eq!((info.width, n), (5, bytes.len() as u64));
    assert_eq!(inbox_files(dir.path(), "lan", 10), ["a.png"]);
    let other = PutName::parse("b.png").unwrap();
    let err = put_in_inbox(dir.path(), "lan", &other, &b"#!/bin/sh\n"[..], 1 << 20).unwrap_err();
    assert!(matches!(err, MediaError::NotAnImage), "{err}");
    let err = put_in_inbox(dir.path(), "lan", &other, std::io::repeat(0), 1000).unwrap_err();
    assert!(err.to_string().contains("larger than 1000 bytes"), "{err}");
    assert_eq!(
        inbox_files(dir.path(), "lan", 10),
        ["a.png"],
        "refusals leave nothing behind"
    );
}
