//! The article editor: six fields, saving with versions, autosave snapshots, the lease that
//! says who is editing, recovery of unsaved text and the revision history.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use super::Session;
use crate::domain::{ArticleId, ArticleText, Editing, Lease, Photo, Status};
use crate::i18n::Msg;
use crate::store::{Autosave, LeaseOutcome, RevisionRow, SaveRequest, SlugSource, Store, StoreError};
use crate::text::{self, DiffPart, DiffStats};

/// The editor's fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Dateline,
    Byline,
    Slug,
    Lead,
    Body,
    /// Comma-separated; saved with the article on Ctrl-s. Last in Tab order, so the other
    /// fields keep their places (and old autosaves their cursor).
    Tags,
}

impl Field {
    pub const ORDER: [Field; 7] = [
        Field::Title,
        Field::Dateline,
        Field::Byline,
        Field::Slug,
        Field::Lead,
        Field::Body,
        Field::Tags,
    ];

    pub fn label(self) -> Msg {
        match self {
            Field::Title => Msg::FieldTitle,
            Field::Dateline => Msg::FieldDateline,
            Field::Byline => Msg::FieldByline,
            Field::Slug => Msg::FieldSlug,
            Field::Lead => Msg::FieldLead,
            Field::Body => Msg::FieldBody,
            Field::Tags => Msg::FieldTags,
        }
    }

    pub(super) fn index(self) -> usize {
        Field::ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// Enter moves on from these instead of starting a new line.
    fn is_single_paragraph(self) -> bool {
        self != Field::Body
    }

    fn step(self, by: isize) -> Field {
        let n = Field::ORDER.len() as isize;
        Field::ORDER[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

/// Something drawn over the editor that takes its keys.
#[derive(Debug)]
pub enum Overlay {
    /// An autosave holds text the saved article does not: restore it, or keep the saved one.
    Recovery {
        autosave: Autosave,
        diff: Vec<DiffPart>,
        stats: DiffStats,
    },
    History(History),
    /// The photo panel, with the photo under the cursor.
    Photos {
        selected: usize,
    },
}

/// The revision list, newest first, paged in as the cursor goes down.
#[derive(Debug, Default)]
pub struct History {
    pub rows: Vec<RevisionRow>,
    pub selected: usize,
    /// The selected revision against the text on screen.
    pub diff: Vec<DiffPart>,
    more: bool,
}

const HISTORY_PAGE: usize = 50;

#[derive(Debug)]
pub struct Editor {
    pub article_id: ArticleId,
    pub status: Status,
    pub version: i64,
    fields: Vec<TextArea<'static>>,
    pub focus: Field,
    pub preview: bool,
    /// The person typed a slug: stop deriving it from the title.
    slug_chosen: bool,
    /// Someone else's live lease: the editor is read-only until they go or it is taken over.
    pub holder: Option<Lease>,
    /// The text as the store last had it, to tell unsaved changes.
    saved: ArticleText,
    /// Bumped on every edit; an autosave snapshot is due when it moves.
    edits: u64,
    snapshotted: u64,
    /// Where the caret stood after the last key typed: the word ending there is still being
    /// written, and the spelling underline leaves it alone until the caret leaves it.
    typed_at: Option<(Field, usize, usize)>,
    pub overlay: Option<Overlay>,
    last_heartbeat: Timestamp,
    /// Shown in the preview with their captions.
    pub photos: Vec<Photo>,
    /// The word count and the edit it was counted at: counting a long body on every frame
    /// would cost more than the keystroke.
    word_count: std::cell::Cell<(u64, usize)>,
    /// A reporter reading a colleague's article, or a live one: read-only, no lease taken.
    pub may_write: bool,
    /// Free, a public correction (a published article, for editors), or read-only.
    pub editing: Editing,
    /// The tags as saved, written `Dân vận, Đô thị`: the tags field starts from this.
    tags_saved: String,
    /// Existing tags that complete the one being typed in the tags field.
    pub tag_suggestions: Vec<String>,
    /// The last public correction, for the preview's "updated" line.
    pub corrected_at: Option<Timestamp>,
    pub published_at: Option<Timestamp>,
    /// When a scheduled article goes out: the preview's stamp before publication.
    pub scheduled_at: Option<Timestamp>,
    /// Someone took the article over from this session: the notice saying who, shown
    /// until the person dismisses it (Esc), however many other messages come and go.
    pub lost_to: Option<String>,
    /// The preview's first line on screen (PgUp/PgDn).
    pub preview_scroll: u16,
    /// How far the preview can scroll, and one page of it, as last drawn: only the
    /// drawing knows how the text wraps, and PgDn must stop at the end.
    pub preview_room: std::cell::Cell<(u16, u16)>,
}

fn join_tags<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

fn split_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn field_area(text: &str, field: Field) -> TextArea<'static> {
    let mut area: TextArea<'static> = if text.is_empty() {
        TextArea::default()
    } else {
        TextArea::new(text.split('\n').map(str::to_owned).collect())
    };
    area.set_wrap_mode(if matches!(field, Field::Body | Field::Lead | Field::Title) {
        WrapMode::WordOrGlyph
    } else {
        WrapMode::None
    });
    area.set_max_histories(1000);
    area
}

/// Title, lead and body as one text to compare, in reading order.
pub fn diffable(t: &ArticleText) -> String {
    format!(
        "{}\n\n{} - {}\n\n{}\n\n{}",
        t.title, t.dateline, t.lead, t.body, t.byline
    )
}

/// The text followed by the photos' captions and credits, so the history shows a caption
/// change like any other edit.
fn with_captions(mut text: String, captions: &[(String, String)]) -> String {
    for (i, (caption, credit)) in captions.iter().enumerate() {
        text.push_str(&format!("\n\n[{}] {caption} — {credit}", i + 1));
    }
    text
}

impl Editor {
    /// Opens an article: takes the lease if it is free, and offers recovery when an autosave
    /// of this person holds text the article does not.
    pub fn open(store: &mut Store, session: &Session, id: ArticleId) -> Result<Editor, StoreError> {
        let now = session.clock.now();
        let article = store.article(id)?;
        let own = article.author == session.user.login.as_str();
        let editing = crate::domain::editing(article.status, session.user.role, own);
        let may_write = store.may_write(&session.user, id)? && editing != Editing::ReadOnly;
        let holder = match may_write {
            false => None,
            true => match store.acquire_lease(&session.user, id, &session.id, now)? {
                LeaseOutcome::Granted => None,
                LeaseOutcome::HeldBy(lease) => Some(lease),
            },
        };
        let saved = article.text();
        let mut editor = Editor {
            article_id: id,
            status: article.status,
            version: article.version,
            fields: Vec::new(),
            focus: Field::Title,
            preview: false,
            slug_chosen: !saved.slug.is_empty() && saved.slug != text::slugify(&saved.title),
            holder,
            saved: saved.clone(),
            edits: 0,
            typed_at: None,
            snapshotted: 0,
            overlay: None,
            last_heartbeat: now,
            photos: article.photos.clone(),
            word_count: std::cell::Cell::new((u64::MAX, 0)),
            may_write,
            editing,
            corrected_at: article.corrected_at,
            published_at: article.published_at,
            scheduled_at: article.scheduled_at,
            lost_to: None,
            preview_scroll: 0,
            preview_room: std::cell::Cell::new((0, 10)),
            tags_saved: join_tags(article.tags.iter().map(|t| t.name.as_str())),
            tag_suggestions: Vec::new(),
        };
        editor.load(&saved);
        if !editor.is_read_only()
            && let Some(autosave) = store.unsaved_autosave(id, session.user.login.as_str())?
        {
            let diff = text::diff_words(&diffable(&saved), &diffable(&autosave.text));
            let stats = text::diff_stats(&diff);
            editor.overlay = Some(Overlay::Recovery {
                autosave,
                diff,
                stats,
            });
        }
        Ok(editor)
    }

    /// Words of the lead and body, as the reader reads them; counted once per edit.
    pub fn words(&self) -> usize {
        let (at, n) = self.word_count.get();
        if at == self.edits {
            return n;
        }
        let count = |f: Field| {
            self.field(f)
                .lines()
                .iter()
                .map(|l| l.split_whitespace().count())
                .sum::<usize>()
        };
        let n = count(Field::Lead) + count(Field::Body);
        self.word_count.set((self.edits, n));
        n
    }

    fn load(&mut self, t: &ArticleText) {
        self.word_count.set((u64::MAX, 0));
        self.fields = Field::ORDER
            .iter()
            .map(|f| {
                let value = match f {
                    Field::Title => &t.title,
                    Field::Dateline => &t.dateline,
                    Field::Byline => &t.byline,
                    Field::Slug => &t.slug,
                    Field::Lead => &t.lead,
                    Field::Body => &t.body,
                    Field::Tags => &self.tags_saved,
                };
                field_area(value, *f)
            })
            .collect();
        self.style_focus();
    }

    pub fn field(&self, f: Field) -> &TextArea<'static> {
        &self.fields[f.index()]
    }

    fn field_text(&self, f: Field) -> String {
        self.fields[f.index()].lines().join("\n")
    }

    /// What is on screen, as the store would hold it.
    pub fn text(&self) -> ArticleText {
        ArticleText {
            title: self.field_text(Field::Title),
            dateline: self.field_text(Field::Dateline),
            lead: self.field_text(Field::Lead),
            body: self.field_text(Field::Body),
            byline: self.field_text(Field::Byline),
            slug: self.field_text(Field::Slug),
        }
    }

    pub fn is_read_only(&self) -> bool {
        self.holder.is_some() || !self.may_write
    }

    /// The ready-to-publish check on the text on screen, for the live checklist: cheap
    /// enough for every frame (no copy of the body).
    pub fn missing(&self) -> Vec<crate::domain::Missing> {
        let blank = |f: Field| {
            if self.field(f).lines().iter().all(|l| l.trim().is_empty()) {
                ""
            } else {
                "x"
            }
        };
        crate::domain::readiness(
            blank(Field::Title),
            blank(Field::Lead),
            blank(Field::Body),
            &self.photos,
        )
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.text() != self.saved || self.tags_changed()
    }

    /// The tags typed in the tags field, as names.
    pub fn typed_tags(&self) -> Vec<String> {
        split_tags(&self.field_text(Field::Tags))
    }

    fn tags_changed(&self) -> bool {
        self.typed_tags() != split_tags(&self.tags_saved)
    }

    /// The tag being typed: what follows the last comma.
    pub fn tag_being_typed(&self) -> Option<String> {
        if self.focus != Field::Tags {
            return None;
        }
        let text = self.field_text(Field::Tags);
        let last = text.rsplit(',').next().unwrap_or_default().trim().to_owned();
        (!last.is_empty()).then_some(last)
    }

    /// Tab in the tags field with a suggestion on offer: it replaces the tag being typed.
    /// Returns whether it did (else Tab moves on as in every field).
    pub fn accept_tag_suggestion(&mut self) -> bool {
        let Some(first) = self.tag_suggestions.first().cloned() else {
            return false;
        };
        if self.focus != Field::Tags || self.is_read_only() {
            return false;
        }
        let text = self.field_text(Field::Tags);
        let mut tags: Vec<String> = text.split(',').map(|t| t.trim().to_owned()).collect();
        if let Some(last) = tags.last_mut() {
            *last = first;
        }
        let mut line = tags.join(", ");
        line.push_str(", ");
        let mut area = field_area(&line, Field::Tags);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.fields[Field::Tags.index()] = area;
        self.tag_suggestions.clear();
        self.style_focus();
        self.after_edit();
        true
    }

    /// The unfocused fields draw no cursor of their own; the focused one relies on the real
    /// terminal cursor, which input methods follow.
    fn style_focus(&mut self) {
        let focus = self.focus.index();
        for (i, area) in self.fields.iter_mut().enumerate() {
            area.set_cursor_line_style(Style::default());
            let cursor = if i == focus {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            area.set_cursor_style(cursor);
        }
    }

    pub fn move_focus(&mut self, by: isize) {
        self.focus = self.focus.step(by);
        self.style_focus();
    }

    /// A key that no command took: typing. Returns whether the text changed.
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        if self.is_read_only() {
            return false;
        }
        if key.code == KeyCode::Enter
            && key.modifiers == KeyModifiers::NONE
            && self.focus.is_single_paragraph()
        {
            self.move_focus(1);
            return false;
        }
        let before = self.caret_line_words();
        let changed = self.fields[self.focus.index()].input(key);
        if changed {
            let counted = self.word_count.get();
            self.after_edit();
            self.carry_word_count(counted, before);
            let ratatui_textarea::DataCursor(row, col) = self.fields[self.focus.index()].cursor();
            self.typed_at = Some((self.focus, row, col));
        }
        changed
    }

    /// Bumped by every edit.
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// The caret, when the last thing done was typing there: the field, row and column.
    pub fn typing_at(&self) -> Option<(Field, usize, usize)> {
        let ratatui_textarea::DataCursor(row, col) = self.fields[self.focus.index()].cursor();
        self.typed_at.filter(|at| *at == (self.focus, row, col))
    }

    /// The caret's row, the focused field's line count and the words on the caret's line.
    fn caret_line_words(&self) -> (usize, usize, usize) {
        let area = &self.fields[self.focus.index()];
        let row = area.cursor().0;
        let words = area.lines().get(row).map_or(0, |l| l.split_whitespace().count());
        (row, area.lines().len(), words)
    }

    /// Keeps the word count through a key that changed only the caret's line, by counting
    /// that line alone: recounting a 10,000-word body took a tenth of each keystroke.
    /// Anything else (lines split or joined) leaves it to be counted again.
    fn carry_word_count(&mut self, counted: (u64, usize), before: (usize, usize, usize)) {
        let (at, n) = counted;
        if at != self.edits - 1 {
            return;
        }
        if !matches!(self.focus, Field::Lead | Field::Body) {
            self.word_count.set((self.edits, n));
            return;
        }
        let (row, lines, words) = self.caret_line_words();
        if (row, lines) == (before.0, before.1) {
            self.word_count
                .set((self.edits, (n + words).saturating_sub(before.2)));
        }
    }

    /// A bracketed paste: literal text, never commands; line breaks only where they belong.
    pub fn paste(&mut self, pasted: &str) -> bool {
        if self.is_read_only() {
            return false;
        }
        let mut clean = text::normalize_input(pasted);
        if self.focus.is_single_paragraph() {
            clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        let changed = self.fields[self.focus.index()].insert_str(&clean);
        if changed {
            self.after_edit();
        }
        changed
    }

    pub fn undo(&mut self) -> bool {
        let changed = !self.is_read_only() && self.fields[self.focus.index()].undo();
        if changed {
            self.after_edit();
        }
        changed
    }

    pub fn redo(&mut self) -> bool {
        let changed = !self.is_read_only() && self.fields[self.focus.index()].redo();
        if changed {
            self.after_edit();
        }
        changed
    }

    fn after_edit(&mut self) {
        self.edits += 1;
        self.typed_at = None;
        match self.focus {
            Field::Slug => self.slug_chosen = true,
            Field::Title if !self.slug_chosen => {
                let slug = text::slugify(&self.field_text(Field::Title));
                self.fields[Field::Slug.index()] = field_area(&slug, Field::Slug);
                self.style_focus();
            }
            _ => {}
        }
    }

    /// Replaces one field's text by a command (a suggestion, the house tone placement), as
    /// one edit that one undo takes back. Returns whether the text changed.
    pub fn replace_field(&mut self, f: Field, lines: Vec<String>) -> bool {
        if self.is_read_only() || !self.fields[f.index()].replace_lines(lines) {
            return false;
        }
        let focus = std::mem::replace(&mut self.focus, f);
        self.after_edit();
        self.focus = focus;
        self.style_focus();
        true
    }

    /// Puts the caret at `row`, `col` (characters) of a field, focusing it.
    pub fn jump_to(&mut self, f: Field, row: usize, col: usize) {
        self.focus = f;
        let (row, col) = (
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        );
        self.fields[f.index()].move_cursor(ratatui_textarea::CursorMove::Jump(row, col));
        self.style_focus();
    }

    /// Replaces the body (from an external editor).
    pub fn set_body(&mut self, body: &str) {
        let body = text::normalize_input(body);
        let body = body.strip_suffix('\n').unwrap_or(&body);
        self.fields[Field::Body.index()] = field_area(body, Field::Body);
        self.style_focus();
        self.edits += 1;
        self.typed_at = None;
    }

    /// The text to autosave, when it changed since the last snapshot.
    pub fn snapshot(&mut self, login: &str, now: Timestamp) -> Option<Autosave> {
        if self.edits == self.snapshotted || self.is_read_only() {
            return None;
        }
        self.snapshotted = self.edits;
        let cursor = self.fields[self.focus.index()].cursor();
        let (row, col) = (cursor.0, cursor.1);
        Some(Autosave {
            article_id: self.article_id,
            login: login.to_owned(),
            text: self.text(),
            cursor: format!("{} {row} {col}", self.focus.index()),
            saved_at: now,
        })
    }

    /// An explicit save: a new version and a revision. On refusal the text stays as it is.
    pub fn save(
        &mut self,
        store: &mut Store,
        session: &Session,
        note: Option<&str>,
    ) -> Result<i64, StoreError> {
        let text = self.text();
        let request = SaveRequest {
            article: self.article_id,
            base_version: self.version,
            session: &session.id,
            slug: if self.slug_chosen {
                SlugSource::Chosen
            } else {
                SlugSource::Derived
            },
            reason: "saved",
            note,
        };
        let (version, slug) = store.save_article(&session.user, &text, request, session.clock.now())?;
        self.version = version;
        if self.tags_changed() {
            let tagged = store.change_article_tags(
                &session.user,
                self.article_id,
                &self.typed_tags(),
                crate::store::TagChange::Replace,
                session.clock.now(),
            )?;
            self.tags_saved = join_tags(tagged.tags.iter().map(|t| t.name.as_str()));
        }
        if slug != text.slug {
            self.fields[Field::Slug.index()] = field_area(&slug, Field::Slug);
            self.style_focus();
        }
        self.saved = ArticleText { slug, ..text };
        Ok(version)
    }

    /// Keeps the lease alive every fifteen seconds. Returns false when it was lost.
    pub fn heartbeat(&mut self, store: &mut Store, session: &Session) -> Result<bool, StoreError> {
        let now = session.clock.now();
        if self.is_read_only() || now.duration_since(self.last_heartbeat) < Lease::HEARTBEAT {
            return Ok(true);
        }
        self.last_heartbeat = now;
        if store.heartbeat(self.article_id, &session.id, now)? {
            return Ok(true);
        }
        self.holder = store.lease(self.article_id, now)?;
        Ok(self.holder.is_none())
    }

    /// Recovery: put the autosave's text on screen (it is autosaved again from there).
    pub fn restore_autosave(&mut self, store: &mut Store, session: &Session) -> Result<(), StoreError> {
        if let Some(Overlay::Recovery { autosave, .. }) = self.overlay.take() {
            store.keep_autosave_as_revision(&session.user, self.article_id, session.clock.now())?;
            self.load(&autosave.text);
            self.slug_chosen = autosave.text.slug != text::slugify(&autosave.text.title);
            self.edits += 1;
            self.typed_at = None;
        }
        Ok(())
    }

    /// Recovery: keep the saved text; the autosave becomes a revision all the same.
    pub fn keep_saved(&mut self, store: &mut Store, session: &Session) -> Result<(), StoreError> {
        if let Some(Overlay::Recovery { .. }) = self.overlay.take() {
            store.keep_autosave_as_revision(&session.user, self.article_id, session.clock.now())?;
        }
        Ok(())
    }

    pub fn take_over(&mut self, store: &mut Store, session: &Session) -> Result<Option<i64>, StoreError> {
        let kept = store.take_over(&session.user, self.article_id, &session.id, session.clock.now())?;
        let article = store.article(self.article_id)?;
        self.holder = None;
        self.version = article.version;
        self.saved = article.text();
        self.load(&article.text());
        Ok(kept)
    }

    /// PgDn/PgUp with the preview on screen: a page less one line, so the reader keeps
    /// their place.
    pub fn scroll_preview(&mut self, pages: i32) {
        let (max, page) = self.preview_room.get();
        let step = i32::from(page.saturating_sub(1).max(1));
        let wanted = i32::from(self.preview_scroll) + pages * step;
        self.preview_scroll = wanted.clamp(0, i32::from(max)) as u16;
    }

    /// A read-only watcher follows the other person's saves: when the article's version
    /// moved, the text on screen becomes the stored one. Returns whether it did.
    pub fn follow_saves(&mut self, store: &Store) -> Result<bool, StoreError> {
        if !self.is_read_only() {
            return Ok(false);
        }
        let article = store.article(self.article_id)?;
        if article.version == self.version {
            return Ok(false);
        }
        let focus = self.focus;
        self.version = article.version;
        self.status = article.status;
        self.photos = article.photos.clone();
        self.corrected_at = article.corrected_at;
        self.published_at = article.published_at;
        self.scheduled_at = article.scheduled_at;
        self.tags_saved = join_tags(article.tags.iter().map(|t| t.name.as_str()));
        self.saved = article.text();
        self.load(&article.text());
        self.focus = focus;
        self.style_focus();
        Ok(true)
    }

    pub fn open_history(&mut self, store: &Store) -> Result<(), StoreError> {
        let mut history = History::default();
        history.rows = store.revisions_page(self.article_id, None, HISTORY_PAGE)?;
        history.more = history.rows.len() == HISTORY_PAGE;
        self.overlay = Some(Overlay::History(history));
        self.diff_selected(store)
    }

    pub fn history_move(&mut self, store: &Store, by: isize) -> Result<(), StoreError> {
        let Some(Overlay::History(h)) = self.overlay.as_mut() else {
            return Ok(());
        };
        let wanted = h.selected as isize + by;
        if wanted >= h.rows.len() as isize && h.more {
            let before = h.rows.last().map(|r| r.id);
            let page = store.revisions_page(self.article_id, before, HISTORY_PAGE)?;
            h.more = page.len() == HISTORY_PAGE;
            h.rows.extend(page);
        }
        h.selected = wanted.clamp(0, h.rows.len().saturating_sub(1) as isize) as usize;
        self.diff_selected(store)
    }

    fn diff_selected(&mut self, store: &Store) -> Result<(), StoreError> {
        let captions: Vec<(String, String)> = self
            .photos
            .iter()
            .map(|p| (p.caption.clone(), p.credit.clone()))
            .collect();
        let current = with_captions(diffable(&self.text()), &captions);
        let Some(Overlay::History(h)) = self.overlay.as_mut() else {
            return Ok(());
        };
        h.diff = match h.rows.get(h.selected) {
            Some(row) => {
                let revision = store.revision(row.id)?;
                text::diff_words(
                    &with_captions(diffable(&revision.text), &revision.captions),
                    &current,
                )
            }
            None => Vec::new(),
        };
        Ok(())
    }

    /// Makes the selected revision the article's text, as a new version and revision.
    /// Returns the version restored and the version it became.
    pub fn restore_selected(
        &mut self,
        store: &mut Store,
        session: &Session,
        note: Option<&str>,
    ) -> Result<Option<(i64, i64)>, StoreError> {
        let Some(Overlay::History(h)) = self.overlay.as_ref() else {
            return Ok(None);
        };
        let Some(row_id) = h.rows.get(h.selected).map(|r| r.id) else {
            return Ok(None);
        };
        let revision = store.revision(row_id)?;
        let restored_version = revision.row.version;
        let reason = format!("restored version {restored_version}");
        let request = SaveRequest {
            article: self.article_id,
            base_version: self.version,
            session: &session.id,
            slug: SlugSource::Derived,
            reason: &reason,
            note,
        };
        let (version, slug) =
            store.save_article(&session.user, &revision.text, request, session.clock.now())?;
        let restored = ArticleText {
            slug,
            ..revision.text
        };
        self.version = version;
        self.load(&restored);
        self.saved = restored;
        self.overlay = None;
        Ok(Some((restored_version, version)))
    }
}
