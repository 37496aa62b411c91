//! Every piece of TUI text in Vietnamese and English. One `match` holds both languages, so
//! the compiler refuses a message that lacks either.
//!
//! Command-line messages stay in English so that scripts can match them.

use std::str::FromStr;

use crate::domain::{CommentStatus, Role, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi…` locales get Vietnamese; any other set locale gets English; no locale at all
    /// gets Vietnamese, the newsroom's language.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale.map(str::trim) {
            Some(l) if !l.is_empty() && l != "C" && l != "POSIX" && !l.starts_with("vi") => Lang::En,
            _ => Lang::Vi,
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language {s:?}: use vi or en")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    AppName,
    TabArticles,
    TabSchedule,
    TabComments,
    TabTags,
    ColStatus,
    ColTitle,
    ColByline,
    ColUpdated,
    NoArticles,
    ArticleCount,
    Coming,
    ComingComments,
    ComingTags,
    AgendaOverdue,
    AgendaPublished,
    AgendaToday,
    AgendaTomorrow,
    AgendaEmpty,
    AgendaSummary,
    AgendaLate,
    AgendaWaiting,
    SearchHint,
    QueueSearchHint,
    SearchFiltersAreForArticles,
    PendingComments,
    Restricted,
    HelpTitle,
    HelpClose,
    ContextGlobal,
    ContextList,
    ContextArticles,
    ContextAnywhere,
    ContextEditor,
    ContextRecovery,
    ContextHistory,
    ImeHint,
    FieldTitle,
    FieldDateline,
    FieldByline,
    FieldSlug,
    FieldLead,
    FieldBody,
    Untitled,
    Words,
    Saved,
    StaleSave,
    LeaseHeld,
    LeaseLost,
    TookOver,
    TookOverKept,
    ReadOnly,
    ReadOnlyNoRights,
    NotInRestricted,
    RevisionRestored,
    RecoveryTitle,
    RecoveryPrompt,
    HistoryTitle,
    PreviewTitle,
    ExternalFailed,
    Refreshed,
    StoreFailed,
    StoreDamaged,
    ReadyToPublish,
    NotReady,
    MissingToPublish,
    CmdWorkflow,
    CmdSubmit,
    CmdReturnToDraft,
    CmdScheduleArticle,
    CmdUnschedule,
    CmdPublish,
    CmdUnpublish,
    CmdSpike,
    CmdUnspike,
    CmdDeleteDraft,
    CmdChangeSlug,
    CmdPhotos,
    PhotosTitle,
    PhotosNone,
    PhotoDecorative,
    PhotoNoAlt,
    PhotoNoCaption,
    PhotoNoCredit,
    CaptionTitle,
    CaptionPrompt,
    CaptionSaved,
    ContextDialog,
    WorkflowTitle,
    WorkflowNone,
    Moved,
    ScheduleTitle,
    SchedulePrompt,
    ScheduleChoices,
    Scheduled,
    DeleteTitle,
    DeletePrompt,
    Deleted,
    SlugTitle,
    SlugPrompt,
    SlugConfirm,
    SlugChanged,
    NoteTitle,
    NotePrompt,
    LiveReadOnly,
    UpdatedAt,
    DialogKeys,
    PublishedDue,
    PhotoMissing,
    PictureLoading,
    PictureOff,
    PictureMissing,
    PictureUnreadable,
    // Commands, as the help screen and the hint bar name them.
    CmdNextTab,
    CmdPrevTab,
    CmdShowArticles,
    CmdShowSchedule,
    CmdShowComments,
    CmdShowTags,
    CmdHelp,
    CmdSearch,
    CmdBack,
    CmdQuit,
    CmdUp,
    CmdDown,
    CmdPageUp,
    CmdPageDown,
    CmdFirst,
    CmdLast,
    CmdOpen,
    CmdNewArticle,
    CmdSave,
    CmdNextField,
    CmdPrevField,
    CmdTogglePreview,
    CmdHistory,
    CmdExternalEditor,
    CmdTakeOver,
    CmdUndo,
    CmdRedo,
    CmdRestoreAutosave,
    CmdKeepSaved,
    CmdApprove,
    CmdReject,
    CmdSpam,
    CmdMark,
    CmdMarkBy,
    CmdApproveMarked,
    CmdRejectMarked,
    CmdSpamMarked,
    CmdReload,
    CmdNextQueue,
    CmdPrevQueue,
    CmdMarkAuthor,
    CmdMarkAddress,
    CmdMarkWord,
    CmdConfirm,
    ContextQueue,
    QueueEmpty,
    QueueArrived,
    QueueMarked,
    QueueConfirm,
    QueueBulkDone,
    QueueUndone,
    QueueNothingToUndo,
    QueueNoRights,
    QueueHeldBy,
    QueueHeldByNone,
    QueueControlCodes,
    QueueHistory,
    QueueLastDecisions,
    QueueMoreText,
    QueueLost,
    QueueMarkWordPrompt,
    QueueMarkByPrompt,
    QueueArticle,
    QueueFrom,
    QueueDecidedBy,
    CmdRenameTag,
    CmdMergeTag,
    CmdAddPhoto,
    CmdEditCaption,
    CmdEditCredit,
    CmdEditAlt,
    CmdToggleDecorative,
    CmdPlacePhoto,
    CmdMovePhotoUp,
    CmdMovePhotoDown,
    CmdRemovePhoto,
    CreditTitle,
    CreditPrompt,
    AltTitle,
    AltPrompt,
    PlaceTitle,
    PlacePrompt,
    PlaceBad,
    PhotoSaved,
    PhotoMoved,
    RemovePhotoTitle,
    RemovePhotoPrompt,
    PhotoRemoved,
    AddPhotoTitle,
    AddFilePrompt,
    AddInboxPrompt,
    InboxEmpty,
    NotInInbox,
    ImageRefused,
    NoFileGiven,
    PhotoAdded,
    LabelCaption,
    LabelCredit,
    LabelAlt,
    LabelPlace,
    PlaceAfter,
    PlaceMarker,
    TagsSummary,
    TagsEmpty,
    TagsInternal,
    TagsArticles,
    TagRenameTitle,
    TagRenamePrompt,
    TagRenameConfirm,
    TagMergeTitle,
    TagMergePrompt,
    TagMergeConfirm,
    TagMergeNoTarget,
    TagRenamed,
    TagMerged,
    TagsNoRights,
    TagsSaved,
    FieldTags,
    TagSuggestions,
    QueueConfirmSpam,
    QueueDecidedAt,
    CmdFilterArticle,
    CmdOpenArticle,
    CmdContext,
    StoreCheckNotStarted,
    QueueContextTitle,
    QueueContextCounts,
    QueueContextAbove,
    QueueContextBelow,
    QueueOnlyArticle,
    QueueNoSuchArticle,
    QueueBulkDoneAll,
    CmdRestoreRevision,
    CmdPreviewDown,
    CmdPreviewUp,
    HistoryHeader,
    HistoryUnsaved,
    LostTo,
    ScheduledFor,
    HelpScroll,
    SiteNotRebuilt,
    ToneReadOnly,
    CmdToggleInputMethod,
    FlaggedWords,
    CmdNormaliseTones,
    TonesNormalised,
    NoToneStyle,
    CmdNextFlagged,
    NothingFlagged,
    WordAdded,
    SuggestTitle,
    AddToWordList,
    IgnoreWord,
    FlaggedWord,
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, vi) = match self {
            Msg::AppName => ("Newsroom", "Tòa soạn"),
            Msg::TabArticles => ("Articles", "Bài viết"),
            Msg::TabSchedule => ("Schedule", "Lịch đăng"),
            Msg::TabComments => ("Comments", "Bình luận"),
            Msg::TabTags => ("Tags", "Thẻ"),
            Msg::ColStatus => ("Status", "Trạng thái"),
            Msg::ColTitle => ("Title", "Tiêu đề"),
            Msg::ColByline => ("Byline", "Tác giả"),
            Msg::ColUpdated => ("Updated", "Cập nhật"),
            Msg::NoArticles => (
                "No articles yet: press n to write one.",
                "Chưa có bài viết nào: bấm n để viết bài.",
            ),
            Msg::ArticleCount => ("{n} articles", "{n} bài viết"),
            Msg::Coming => ("Coming soon", "Sắp có"),
            Msg::ComingComments => (
                "The comment queue arrives with the moderation work. {n} comments are waiting.",
                "Hàng đợi bình luận sẽ có khi phần kiểm duyệt hoàn thành. Đang có {n} bình luận chờ duyệt.",
            ),
            Msg::ComingTags => (
                "Tag management arrives with the tagging work.",
                "Quản lý thẻ sẽ có khi phần gắn thẻ hoàn thành.",
            ),
            Msg::AgendaOverdue => ("Overdue: due, not published", "Quá hạn: đến giờ mà chưa đăng"),
            Msg::AgendaPublished => ("Published in the last 24 hours", "Đã đăng trong 24 giờ qua"),
            Msg::AgendaToday => ("Today", "Hôm nay"),
            Msg::AgendaTomorrow => ("Tomorrow", "Ngày mai"),
            Msg::AgendaEmpty => (
                "Nothing is overdue, scheduled for the next 7 days or published in the last 24 hours.",
                "Không có bài quá hạn, hẹn đăng trong 7 ngày tới hay vừa đăng trong 24 giờ qua.",
            ),
            Msg::AgendaSummary => (
                "{o} overdue · {c} in 7 days · {l} later · {p} published in 24 h",
                "{o} quá hạn · {c} trong 7 ngày · {l} sau đó · {p} đã đăng 24 giờ qua",
            ),
            Msg::AgendaLate => ("{n} min late", "trễ {n} phút"),
            Msg::AgendaWaiting => ("waiting for the next publishing run", "chờ lượt đăng bài kế tiếp"),
            Msg::SearchFiltersAreForArticles => (
                "In the queue only words (and article:ID) count; filters such as status:published or tag:dan-van are for the Articles list.",
                "Trong hàng đợi chỉ tìm theo từ (và article:SỐ); bộ lọc như status:published hay tag:dan-van dành cho danh sách bài viết.",
            ),
            Msg::SearchHint => (
                "Enter keeps it · Esc clears · status: tag: author: before: after:",
                "Enter để giữ · Esc để xoá · status: tag: author: before: after:",
            ),
            // The queue takes words and one filter, so its line offers only that.
            Msg::QueueSearchHint => (
                "Enter keeps it · Esc clears · words, article:ID or article:slug",
                "Enter để giữ · Esc để xoá · từ, article:SỐ hoặc article:đường-dẫn",
            ),
            Msg::PendingComments => ("{n} pending comments", "{n} bình luận chờ duyệt"),
            Msg::Restricted => ("restricted", "hạn chế"),
            Msg::HelpTitle => ("Keys", "Phím tắt"),
            Msg::HelpClose => ("Esc, q or ? closes this help", "Esc, q hoặc ? để đóng trợ giúp"),
            Msg::ContextGlobal => ("Everywhere", "Mọi nơi"),
            Msg::ContextList => ("Lists", "Danh sách"),
            Msg::ContextArticles => ("Articles", "Bài viết"),
            Msg::ContextAnywhere => ("Anywhere", "Ở bất kỳ đâu"),
            Msg::ContextEditor => ("Editor", "Soạn bài"),
            Msg::ContextRecovery => ("Unsaved text", "Bản chưa lưu"),
            Msg::ContextHistory => ("History", "Lịch sử"),
            Msg::ImeHint => (
                "Switch the Vietnamese input method off to use command keys.",
                "Hãy tắt bộ gõ tiếng Việt để dùng phím lệnh.",
            ),
            Msg::FieldTitle => ("Title", "Tiêu đề"),
            Msg::FieldDateline => ("Source", "Nguồn"),
            Msg::FieldByline => ("Byline", "Tác giả"),
            Msg::FieldSlug => ("Slug", "Đường dẫn"),
            Msg::FieldLead => ("Lead", "Sa-pô"),
            Msg::FieldBody => ("Body", "Nội dung"),
            Msg::Untitled => ("(untitled)", "(chưa có tiêu đề)"),
            Msg::Words => ("{n} words · {m} min read", "{n} chữ · {m} phút đọc"),
            Msg::Saved => ("Saved (version {v}).", "Đã lưu (phiên bản {v})."),
            Msg::StaleSave => (
                "Not saved: someone saved this article since you opened it (now version {v}). Your text is still here; copy what you need and reopen.",
                "Chưa lưu: có người đã lưu bài này sau khi bạn mở (nay là phiên bản {v}). Chữ của bạn vẫn còn đây; hãy chép lại phần cần giữ rồi mở lại bài.",
            ),
            Msg::LeaseHeld => (
                "{user} is editing since {since}: read-only. Ctrl-t takes it over.",
                "{user} đang sửa từ {since}: chỉ xem. Ctrl-t để giành quyền sửa.",
            ),
            Msg::LeaseLost => (
                "Someone took this article over: your text is autosaved; the editor is read-only now.",
                "Có người đã giành quyền sửa bài này: chữ của bạn đã được tự lưu; trình soạn giờ chỉ xem.",
            ),
            Msg::TookOver => ("You are editing this article now.", "Bạn đang sửa bài này."),
            Msg::TookOverKept => (
                "You are editing now; their unsaved text, typed on version {id}, is in the history (Ctrl-o).",
                "Bạn đang sửa bài; phần chưa lưu của người trước (gõ trên phiên bản {id}) nằm trong lịch sử (Ctrl-o).",
            ),
            Msg::ReadOnlyNoRights => (
                "A colleague's article: read-only. An editor can change it.",
                "Bài của đồng nghiệp: chỉ xem. Biên tập viên mới sửa được.",
            ),
            Msg::ReadOnly => (
                "Someone else is editing: this is read-only.",
                "Người khác đang sửa: chỉ xem.",
            ),
            Msg::NotInRestricted => (
                "The external editor is off in restricted sessions.",
                "Phiên hạn chế không dùng được trình soạn ngoài.",
            ),
            Msg::RevisionRestored => (
                "Version {id} restored as version {v}.",
                "Đã khôi phục bản {id} thành phiên bản {v}.",
            ),
            Msg::RecoveryTitle => ("Unsaved text found", "Có chữ chưa lưu"),
            Msg::RecoveryPrompt => (
                "An autosave from {at} differs from the saved article (+{a} −{r} words). r restores it, k keeps the saved text; either way it stays in the history.",
                "Bản tự lưu lúc {at} khác bản đã lưu (+{a} −{r} chữ). r để khôi phục, k để giữ bản đã lưu; bản nào cũng được giữ trong lịch sử.",
            ),
            Msg::HistoryTitle => ("History", "Lịch sử"),
            Msg::PreviewTitle => ("Preview", "Xem trước"),
            Msg::ExternalFailed => ("The external editor failed: {e}", "Trình soạn ngoài bị lỗi: {e}"),
            Msg::Refreshed => ("Updated from another session.", "Đã cập nhật từ phiên khác."),
            Msg::StoreFailed => ("The store failed: {e}", "Lỗi kho dữ liệu: {e}"),
            Msg::CmdWorkflow => ("workflow", "quy trình"),
            Msg::CmdSubmit => ("submit for review", "gửi duyệt"),
            Msg::CmdReturnToDraft => ("return to the author", "trả lại tác giả"),
            Msg::CmdScheduleArticle => ("schedule…", "hẹn giờ đăng…"),
            Msg::CmdUnschedule => ("unschedule", "bỏ hẹn giờ"),
            Msg::CmdPublish => ("publish now", "đăng ngay"),
            Msg::CmdUnpublish => ("unpublish", "gỡ bài xuống"),
            Msg::CmdSpike => ("spike", "gác bài"),
            Msg::CmdUnspike => ("bring back from the spike", "lấy lại bài đã gác"),
            Msg::CmdDeleteDraft => ("delete this draft…", "xoá bản nháp…"),
            Msg::CmdChangeSlug => ("change the slug…", "đổi đường dẫn…"),
            Msg::CmdPhotos => ("photos", "ảnh"),
            Msg::PhotosTitle => ("Photos", "Ảnh"),
            Msg::PhotosNone => (
                "No photos yet: add one from here, with `newsroom article photo add`, or photo-put over SSH.",
                "Chưa có ảnh: thêm ngay tại đây, bằng `newsroom article photo add`, hoặc photo-put qua SSH.",
            ),
            Msg::PhotoDecorative => ("decorative", "ảnh trang trí"),
            Msg::PhotoNoAlt => ("no alt text", "thiếu mô tả ảnh"),
            Msg::PhotoNoCaption => ("no caption", "thiếu chú thích"),
            Msg::PhotoNoCredit => ("no credit", "thiếu nguồn ảnh"),
            Msg::CaptionTitle => ("Caption of photo {n}", "Chú thích ảnh {n}"),
            Msg::CaptionPrompt => (
                "The caption readers see under the photo:",
                "Chú thích bạn đọc thấy dưới ảnh:",
            ),
            Msg::CaptionSaved => ("Caption of photo {n} saved.", "Đã lưu chú thích ảnh {n}."),
            Msg::ContextDialog => ("typing a line", "gõ một dòng"),
            Msg::WorkflowTitle => ("Workflow: {title}", "Quy trình: {title}"),
            Msg::WorkflowNone => (
                "Nothing to do here for you: {status}.",
                "Bạn không có thao tác nào với bài {status} này.",
            ),
            Msg::Moved => (
                "Article {id} is now {status}.",
                "Bài {id} đã chuyển sang: {status}.",
            ),
            Msg::ScheduleTitle => ("Schedule: {title}", "Hẹn giờ đăng: {title}"),
            Msg::SchedulePrompt => (
                "Time (HH:MM dd/mm/yyyy, {zone}):",
                "Giờ đăng (HH:MM dd/mm/yyyy, {zone}):",
            ),
            Msg::ScheduleChoices => (
                "Tab: in 1 hour · tomorrow 06:00 · tomorrow 12:00",
                "Tab: 1 giờ nữa · 06:00 mai · 12:00 mai",
            ),
            Msg::Scheduled => ("Article {id} goes live at {at}.", "Bài {id} sẽ đăng lúc {at}."),
            Msg::DeleteTitle => ("Delete this draft for good?", "Xoá hẳn bản nháp này?"),
            Msg::DeletePrompt => (
                "{title} — Enter deletes it (the audit log keeps its title), Esc keeps it.",
                "{title} — Enter để xoá (nhật ký vẫn giữ tiêu đề), Esc để giữ lại.",
            ),
            Msg::Deleted => ("Draft {id} deleted.", "Đã xoá bản nháp {id}."),
            Msg::SlugTitle => ("New slug for a live article", "Đường dẫn mới cho bài đã đăng"),
            Msg::SlugPrompt => (
                "Slug (the old one keeps working):",
                "Đường dẫn (đường dẫn cũ vẫn dùng được):",
            ),
            Msg::SlugConfirm => (
                "Move {old} to {new}? Enter confirms, Esc goes back.",
                "Chuyển {old} thành {new}? Enter để đồng ý, Esc để quay lại.",
            ),
            Msg::SlugChanged => (
                "Article {id} is now at {slug}; the old address still leads here.",
                "Bài {id} giờ ở {slug}; đường dẫn cũ vẫn dẫn về đây.",
            ),
            Msg::NoteTitle => ("Correcting a published article", "Đính chính bài đã đăng"),
            Msg::NotePrompt => (
                "What changed, in one line (readers see it):",
                "Đã sửa gì, trong một dòng (bạn đọc sẽ thấy):",
            ),
            Msg::LiveReadOnly => (
                "This article is {status}: read-only for reporters; an editor can correct it.",
                "Bài {status}: phóng viên chỉ xem, biên tập viên đính chính được.",
            ),
            Msg::UpdatedAt => ("updated {at}", "cập nhật {at}"),
            Msg::PhotoMissing => (
                "[photo {n}: the article has no such photo]",
                "[ảnh {n}: bài không có ảnh này]",
            ),
            Msg::PictureLoading => ("loading picture…", "đang tải ảnh…"),
            Msg::PictureOff => (
                "Pictures are off ([media] show_images = false).",
                "Không hiện ảnh ([media] show_images = false).",
            ),
            Msg::PictureMissing => (
                "The picture's file is not in the media folder: add the photo again.",
                "Không thấy tệp ảnh trong thư mục media: hãy thêm lại ảnh.",
            ),
            Msg::PictureUnreadable => (
                "The picture's file cannot be read: add the photo again.",
                "Không đọc được tệp ảnh: hãy thêm lại ảnh.",
            ),
            Msg::DialogKeys => (
                "Enter confirms · Esc goes back",
                "Enter để đồng ý · Esc để quay lại",
            ),
            Msg::PublishedDue => ("Published {n} scheduled article(s).", "Đã đăng {n} bài hẹn giờ."),
            Msg::NotReady => ("Not ready to publish: {e}.", "Chưa đăng được: {e}."),
            Msg::ReadyToPublish => ("ready to publish", "sẵn sàng đăng"),
            Msg::MissingToPublish => ("missing", "còn thiếu"),
            Msg::StoreDamaged => (
                "The store is damaged; nothing more is saved. Copy your text, tell an admin.",
                "Kho dữ liệu bị hỏng, không lưu được nữa: hãy chép chữ ra và báo quản trị viên.",
            ),
            Msg::CmdNextTab => ("next tab", "thẻ sau"),
            Msg::CmdPrevTab => ("previous tab", "thẻ trước"),
            Msg::CmdShowArticles => ("Articles", "Bài viết"),
            Msg::CmdShowSchedule => ("Schedule", "Lịch đăng"),
            Msg::CmdShowComments => ("Comments", "Bình luận"),
            Msg::CmdShowTags => ("Tags", "Thẻ"),
            Msg::CmdHelp => ("help", "trợ giúp"),
            Msg::CmdSearch => ("search", "tìm"),
            Msg::CmdBack => ("back / quit", "quay lại / thoát"),
            Msg::CmdQuit => ("quit", "thoát"),
            Msg::CmdUp => ("up", "lên"),
            Msg::CmdDown => ("down", "xuống"),
            Msg::CmdPageUp => ("page up", "trang trước"),
            Msg::CmdPageDown => ("page down", "trang sau"),
            Msg::CmdFirst => ("first", "đầu danh sách"),
            Msg::CmdLast => ("last", "cuối danh sách"),
            Msg::CmdOpen => ("open", "mở"),
            Msg::CmdNewArticle => ("new article", "bài mới"),
            Msg::CmdSave => ("save", "lưu"),
            Msg::CmdNextField => ("next field", "ô sau"),
            Msg::CmdPrevField => ("previous field", "ô trước"),
            Msg::CmdTogglePreview => ("preview", "xem trước"),
            Msg::CmdHistory => ("history", "lịch sử"),
            Msg::CmdExternalEditor => ("body in $EDITOR", "sửa nội dung bằng $EDITOR"),
            Msg::CmdTakeOver => ("take over", "giành quyền sửa"),
            Msg::CmdUndo => ("undo", "hoàn tác"),
            Msg::CmdRedo => ("redo", "làm lại"),
            Msg::CmdRestoreAutosave => ("restore the unsaved text", "khôi phục bản chưa lưu"),
            Msg::CmdKeepSaved => ("keep the saved text", "giữ bản đã lưu"),
            Msg::CmdApprove => ("approve", "duyệt"),
            Msg::CmdReject => ("reject", "từ chối"),
            Msg::CmdSpam => ("spam", "rác"),
            Msg::CmdMark => ("mark", "đánh dấu"),
            Msg::CmdMarkBy => ("mark by pattern", "đánh dấu theo mẫu"),
            Msg::CmdApproveMarked => ("approve marked", "duyệt các bình luận đã đánh dấu"),
            Msg::CmdRejectMarked => ("reject marked", "từ chối các bình luận đã đánh dấu"),
            Msg::CmdSpamMarked => (
                "move marked to spam",
                "chuyển các bình luận đã đánh dấu vào mục rác",
            ),
            Msg::CmdReload => ("show new comments", "hiện bình luận mới"),
            Msg::CmdNextQueue => ("next queue", "hàng đợi sau"),
            Msg::CmdPrevQueue => ("previous queue", "hàng đợi trước"),
            Msg::CmdMarkAuthor => ("same author", "cùng người gửi"),
            Msg::CmdMarkAddress => ("same IP address", "cùng địa chỉ IP"),
            Msg::CmdMarkWord => ("containing a word or link", "có chứa từ hoặc liên kết"),
            Msg::CmdConfirm => ("confirm", "xác nhận"),
            Msg::ContextQueue => ("Comment queue", "Hàng đợi bình luận"),
            Msg::QueueEmpty => ("Nothing in this queue.", "Hàng đợi này trống."),
            Msg::QueueArrived => ("{n} new — press r", "{n} mới — bấm r"),
            Msg::QueueMarked => ("{n} marked", "{n} đã đánh dấu"),
            Msg::QueueConfirm => (
                "{verb} {n} marked comments? Enter confirms, Esc cancels.",
                "{verb} {n} bình luận đã đánh dấu? Enter để xác nhận, Esc để huỷ.",
            ),
            Msg::QueueBulkDone => (
                "{n} decided; {k} were decided by someone else first.",
                "Đã xử lý {n}; {k} bình luận đã được người khác xử lý trước.",
            ),
            Msg::QueueUndone => ("Undone: {n} back as they were.", "Đã hoàn tác {n} bình luận."),
            Msg::QueueNothingToUndo => ("Nothing to undo.", "Không còn gì để hoàn tác."),
            Msg::QueueNoRights => (
                "Only editors and admins decide comments.",
                "Chỉ biên tập viên và quản trị viên được duyệt bình luận.",
            ),
            Msg::QueueHeldBy => ("Held by rule: {rule}", "Bị giữ theo quy tắc: {rule}"),
            Msg::QueueHeldByNone => ("Waiting for a moderator.", "Đang chờ người duyệt."),
            Msg::QueueControlCodes => (
                "⚠ contains control codes (removed from this view)",
                "⚠ có mã điều khiển (đã lọc khỏi màn hình)",
            ),
            Msg::QueueHistory => (
                "Author's record: {a} approved · {r} rejected · {s} spam · {p} pending",
                "Lịch sử người gửi: {a} đã duyệt · {r} bị từ chối · {s} rác · {p} đang chờ",
            ),
            Msg::QueueLastDecisions => ("Last decisions:", "Quyết định gần nhất:"),
            Msg::QueueMoreText => ("↓ {n} more rows", "↓ còn {n} dòng nữa"),
            Msg::QueueLost => ("{status} by {user}", "{user} {status}"),
            Msg::QueueMarkWordPrompt => ("Mark comments containing: ", "Đánh dấu bình luận có chứa: "),
            Msg::QueueMarkByPrompt => (
                "Mark by: n same author · c same IP address · w a word or link · Esc cancel",
                "Đánh dấu theo: n cùng người gửi · c cùng địa chỉ IP · w từ hoặc liên kết · Esc để huỷ",
            ),
            Msg::QueueArticle => ("Article", "Bài viết"),
            Msg::QueueFrom => ("From", "Người gửi"),
            Msg::QueueDecidedBy => ("decided by {user} at {at}", "{user} xử lý lúc {at}"),
            Msg::CmdRenameTag => ("rename the tag…", "đổi tên thẻ…"),
            Msg::CmdMergeTag => ("merge into another tag…", "gộp vào thẻ khác…"),
            Msg::CmdAddPhoto => ("add a photo…", "thêm ảnh…"),
            Msg::CmdEditCaption => ("caption…", "chú thích…"),
            Msg::CmdEditCredit => ("credit…", "nguồn ảnh…"),
            Msg::CmdEditAlt => ("alt text…", "mô tả ảnh…"),
            Msg::CmdToggleDecorative => ("decorative or not", "trang trí hay không"),
            Msg::CmdPlacePhoto => ("place after paragraph…", "đặt sau đoạn…"),
            Msg::CmdMovePhotoUp => ("move up", "chuyển lên"),
            Msg::CmdMovePhotoDown => ("move down", "chuyển xuống"),
            Msg::CmdRemovePhoto => ("remove…", "gỡ ảnh…"),
            Msg::CreditTitle => ("Credit of photo {n}", "Nguồn ảnh {n}"),
            Msg::CreditPrompt => (
                "Who took it, e.g. “Ảnh: Minh Anh”:",
                "Ai chụp, ví dụ “Ảnh: Minh Anh”:",
            ),
            Msg::AltTitle => ("Alt text of photo {n}", "Mô tả ảnh {n}"),
            Msg::AltPrompt => (
                "What the picture shows, for readers who cannot see it:",
                "Ảnh cho thấy gì, cho bạn đọc không nhìn thấy ảnh:",
            ),
            Msg::PlaceTitle => ("Place of photo {n}", "Vị trí ảnh {n}"),
            Msg::PlacePrompt => (
                "After which paragraph? 0: before the first, {max}: after the last.",
                "Đặt sau đoạn số mấy? 0: trước đoạn đầu, {max}: sau đoạn cuối.",
            ),
            Msg::PlaceBad => (
                "Type a paragraph number from 0 to {max}.",
                "Hãy gõ số đoạn từ 0 đến {max}.",
            ),
            Msg::PhotoSaved => ("Photo {n} saved.", "Đã lưu ảnh {n}."),
            Msg::PhotoMoved => ("Photo {n} is now number {to}.", "Ảnh {n} giờ là ảnh số {to}."),
            Msg::RemovePhotoTitle => ("Remove photo {n}", "Gỡ ảnh {n}"),
            Msg::RemovePhotoPrompt => (
                "Take photo {n} ({caption}) off the article? The image stays in the media library. Enter: remove · Esc: keep it",
                "Gỡ ảnh {n} ({caption}) khỏi bài? Tệp ảnh vẫn còn trong thư viện. Enter: gỡ · Esc: giữ lại",
            ),
            Msg::PhotoRemoved => ("Photo {n} removed.", "Đã gỡ ảnh {n}."),
            Msg::AddPhotoTitle => ("Add a photo", "Thêm ảnh"),
            Msg::AddFilePrompt => (
                "Image file (JPEG, PNG or WebP); Tab completes:",
                "Tệp ảnh (JPEG, PNG hoặc WebP); Tab để gợi ý:",
            ),
            Msg::AddInboxPrompt => (
                "A photo from your inbox (sent with photo-put); Tab completes:",
                "Ảnh trong hộp thư của bạn (gửi bằng photo-put); Tab để gợi ý:",
            ),
            Msg::InboxEmpty => (
                "Your inbox is empty: send a photo first with ssh … photo-put NAME.jpg < NAME.jpg.",
                "Hộp thư của bạn trống: hãy gửi ảnh trước bằng ssh … photo-put TEN.jpg < TEN.jpg.",
            ),
            Msg::NotInInbox => (
                "{file} is not in your inbox: press Tab to see what is.",
                "{file} không có trong hộp thư của bạn: bấm Tab để xem có gì.",
            ),
            Msg::ImageRefused => (
                "Cannot add {file} ({e}): give a JPEG, PNG or WebP image of at most {max}.",
                "Không thêm được {file} ({e}): hãy chọn ảnh JPEG, PNG hoặc WebP tối đa {max}.",
            ),
            Msg::NoFileGiven => (
                "Type the image's file name, or press Tab to complete it.",
                "Hãy gõ tên tệp ảnh, hoặc bấm Tab để gợi ý.",
            ),
            Msg::PhotoAdded => ("Photo {n} added.", "Đã thêm ảnh {n}."),
            Msg::LabelCaption => ("Caption", "Chú thích"),
            Msg::LabelCredit => ("Credit", "Nguồn ảnh"),
            Msg::LabelAlt => ("Alt text", "Mô tả"),
            Msg::LabelPlace => ("Place", "Vị trí"),
            Msg::PlaceAfter => ("after paragraph {p}", "sau đoạn {p}"),
            Msg::PlaceMarker => (
                "at the body's ![[{n}]] line, else at the end",
                "tại dòng ![[{n}]], nếu không: cuối bài",
            ),
            Msg::TagsSummary => ("{n} tags", "{n} thẻ"),
            Msg::TagsEmpty => (
                "No tags yet: type them in an article's Tags field, or `newsroom article tag ID TAG`.",
                "Chưa có thẻ nào: gõ vào ô Thẻ của bài, hoặc `newsroom article tag ID THẺ`.",
            ),
            Msg::TagsInternal => ("internal", "nội bộ"),
            Msg::TagsArticles => ("articles", "bài"),
            Msg::TagRenameTitle => ("Rename the tag {tag}", "Đổi tên thẻ {tag}"),
            Msg::TagRenamePrompt => (
                "The new name (its slug follows):",
                "Tên mới (đường dẫn đổi theo):",
            ),
            Msg::TagRenameConfirm => (
                "Rename {old} to {new} on {n} articles? Enter: rename · Esc: back",
                "Đổi {old} thành {new} trên {n} bài? Enter: đổi · Esc: quay lại",
            ),
            Msg::TagMergeTitle => ("Merge the tag {tag}", "Gộp thẻ {tag}"),
            Msg::TagMergePrompt => (
                "Into which tag? Type to find it, ↑/↓ to choose:",
                "Gộp vào thẻ nào? Gõ để tìm, ↑/↓ để chọn:",
            ),
            Msg::TagMergeConfirm => (
                "Move {n} articles from {from} to {into} and delete {from}? Enter: merge · Esc: back",
                "Chuyển {n} bài từ {from} sang {into} và xoá {from}? Enter: gộp · Esc: quay lại",
            ),
            Msg::TagMergeNoTarget => (
                "No other tag matches: type part of its name.",
                "Không có thẻ khác khớp: gõ một phần tên thẻ.",
            ),
            Msg::TagRenamed => ("Tag renamed: {tag}", "Đã đổi tên thẻ: {tag}"),
            Msg::TagMerged => ("Merged into {tag} ({n} articles)", "Đã gộp vào {tag} ({n} bài)"),
            Msg::TagsNoRights => (
                "Only editors rename or merge tags.",
                "Chỉ biên tập viên được đổi tên hoặc gộp thẻ.",
            ),
            Msg::TagsSaved => ("Tags saved: {tags}", "Đã lưu thẻ: {tags}"),
            Msg::FieldTags => ("Tags", "Thẻ"),
            Msg::TagSuggestions => ("Tab takes: {tags}", "Tab để chọn: {tags}"),
            Msg::QueueConfirmSpam => (
                "Move {n} marked comments to spam? Enter confirms, Esc cancels.",
                "Chuyển {n} bình luận đã đánh dấu vào mục rác? Enter để xác nhận, Esc để huỷ.",
            ),
            Msg::QueueDecidedAt => ("{status} by {user} at {at}", "{user} {status} lúc {at}"),
            Msg::CmdFilterArticle => ("this article only", "chỉ bài này"),
            Msg::CmdOpenArticle => ("open the article", "mở bài viết"),
            Msg::CmdContext => ("context", "ngữ cảnh"),
            Msg::StoreCheckNotStarted => (
                "The store check could not start ({why}): run `newsroom doctor` to check the file.",
                "Không khởi động được việc kiểm tra kho dữ liệu ({why}): hãy chạy `newsroom doctor` để kiểm tra tệp.",
            ),
            Msg::QueueContextTitle => ("on article #{id}", "trên bài #{id}"),
            Msg::QueueContextCounts => ("Comments on it:", "Bình luận trên bài:"),
            Msg::QueueContextAbove => ("↑ {n} earlier", "↑ {n} bình luận trước"),
            Msg::QueueContextBelow => ("↓ {n} later", "↓ {n} bình luận sau"),
            Msg::QueueOnlyArticle => ("article #{id} only", "chỉ bài #{id}"),
            Msg::QueueBulkDoneAll => ("{n} comments decided.", "Đã xử lý {n} bình luận."),
            Msg::QueueNoSuchArticle => (
                "There is no article {a}: write its number or slug, e.g. article:12.",
                "Không có bài {a}: ghi số hoặc đường dẫn của bài, ví dụ article:12.",
            ),
            Msg::CmdRestoreRevision => ("restore this version", "khôi phục bản này"),
            Msg::CmdPreviewDown => ("preview: page down", "xem trước: trang sau"),
            Msg::CmdPreviewUp => ("preview: page up", "xem trước: trang trước"),
            // Column heads, `|` between them.
            Msg::HistoryHeader => ("Version|Saved at|By|What", "Phiên bản|Lúc lưu|Người lưu|Việc"),
            Msg::HistoryUnsaved => (
                "not saved, typed on version {v}",
                "chưa lưu, gõ trên phiên bản {v}",
            ),
            Msg::LostTo => (
                "{name} took this article over at {at}. Your text is autosaved; the editor is read-only now. Esc closes this notice.",
                "{name} đã giành quyền sửa bài này lúc {at}. Chữ của bạn đã được tự lưu; trình soạn giờ chỉ xem. Bấm Esc để đóng thông báo.",
            ),
            Msg::ScheduledFor => ("scheduled", "hẹn đăng"),
            Msg::HelpScroll => (
                "j/k, PgDn/PgUp scroll · Esc, q or ? closes",
                "j/k, PgDn/PgUp để cuộn · Esc, q, ? để đóng",
            ),
            Msg::ToneReadOnly => (
                "This article is read-only here: its tone placement was not changed.",
                "Bài này đang chỉ xem: chưa đổi cách bỏ dấu.",
            ),
            Msg::SiteNotRebuilt => (
                "The decision is saved, but the site was not rebuilt: {why}",
                "Đã lưu quyết định, nhưng chưa dựng lại được trang web: {why}",
            ),
            Msg::CmdToggleInputMethod => ("Telex/VNI on/off", "bật/tắt Telex/VNI"),
            Msg::FlaggedWords => ("{n} flagged words", "{n} từ cần xem lại"),
            Msg::CmdNormaliseTones => ("house tone placement", "bỏ dấu theo quy định"),
            Msg::TonesNormalised => (
                "{n} words changed to the {style} tone placement (Ctrl-z in a field takes it back)",
                "Đã đổi {n} từ sang kiểu bỏ dấu {style} (Ctrl-z trong từng ô để hoàn tác)",
            ),
            Msg::CmdNextFlagged => ("next flagged word", "từ cần sửa tiếp theo"),
            Msg::NothingFlagged => (
                "Nothing is flagged in this article",
                "Bài này không có từ nào cần xem lại",
            ),
            Msg::WordAdded => (
                "'{word}' is on the newsroom's word list now",
                "Đã thêm '{word}' vào danh sách từ của tòa soạn",
            ),
            Msg::SuggestTitle => (
                "'{word}' · Enter applies, Esc closes",
                "'{word}' · Enter chọn, Esc đóng",
            ),
            Msg::AddToWordList => (
                "add to the newsroom's word list",
                "thêm vào danh sách từ của tòa soạn",
            ),
            Msg::IgnoreWord => ("ignore", "bỏ qua"),
            Msg::FlaggedWord => ("1 flagged word", "1 từ cần xem lại"),
            Msg::NoToneStyle => (
                "No word here shows a tone placement style: nothing to change",
                "Không có từ nào cho thấy kiểu bỏ dấu: không có gì để đổi",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

pub fn status_name(status: Status, lang: Lang) -> &'static str {
    let (en, vi) = match status {
        Status::Draft => ("draft", "nháp"),
        Status::Submitted => ("submitted", "chờ duyệt"),
        Status::Scheduled => ("scheduled", "hẹn giờ"),
        Status::Published => ("published", "đã đăng"),
        Status::Spiked => ("spiked", "đã gác"),
    };
    if lang == Lang::En { en } else { vi }
}

/// A weekday as a day heading starts, `Thứ Hai` or `Monday`.
pub fn weekday_name(day: jiff::civil::Weekday, lang: Lang) -> &'static str {
    use jiff::civil::Weekday;
    let (en, vi) = match day {
        Weekday::Monday => ("Monday", "Thứ Hai"),
        Weekday::Tuesday => ("Tuesday", "Thứ Ba"),
        Weekday::Wednesday => ("Wednesday", "Thứ Tư"),
        Weekday::Thursday => ("Thursday", "Thứ Năm"),
        Weekday::Friday => ("Friday", "Thứ Sáu"),
        Weekday::Saturday => ("Saturday", "Thứ Bảy"),
        Weekday::Sunday => ("Sunday", "Chủ nhật"),
    };
    if lang == Lang::En { en } else { vi }
}

/// Why a due article was held, as the ready-to-publish check words it (stable English,
/// kept in the store and printed by `article show`), in the session's language.
pub fn held_reason(reason: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return reason.to_owned();
    }
    // The check names every missing item, joined by "; ".
    reason.split("; ").map(held_item).collect::<Vec<_>>().join("; ")
}

fn held_item(reason: &str) -> String {
    if let Some(name) = reason
        .strip_prefix("the ")
        .and_then(|r| r.strip_suffix(" is empty"))
    {
        let field = match name {
            "title" => "tiêu đề",
            "lead" => "sa-pô",
            "body" => "nội dung",
            other => other,
        };
        return format!("thiếu {field}");
    }
    if let Some((n, what)) = reason
        .strip_prefix("photo ")
        .and_then(|r| r.split_once(" has no "))
    {
        let missing = match what {
            "caption" => "chú thích",
            "credit" => "nguồn ảnh",
            _ => "mô tả (hoặc chưa đánh dấu là ảnh trang trí)",
        };
        return format!("ảnh {n} thiếu {missing}");
    }
    reason.to_owned()
}

/// One item of the editor's ready-to-publish checklist, short enough for one line.
pub fn missing_name(missing: crate::domain::Missing, lang: Lang) -> String {
    use crate::domain::Missing as M;
    let vi = lang == Lang::Vi;
    match (missing, vi) {
        (M::Title, true) => "tiêu đề".into(),
        (M::Title, false) => "title".into(),
        (M::Lead, true) => "sa-pô".into(),
        (M::Lead, false) => "lead".into(),
        (M::Body, true) => "nội dung".into(),
        (M::Body, false) => "body".into(),
        (M::Caption(n), true) => format!("ảnh {n}: chú thích"),
        (M::Caption(n), false) => format!("photo {n}: caption"),
        (M::Credit(n), true) => format!("ảnh {n}: nguồn"),
        (M::Credit(n), false) => format!("photo {n}: credit"),
        (M::Alt(n), true) => format!("ảnh {n}: mô tả"),
        (M::Alt(n), false) => format!("photo {n}: alt"),
    }
}

/// What a moderator did to a comment, as a sentence says it after the person:
/// "LOGIN đã duyệt", "approved by LOGIN".
pub fn decided_name(status: CommentStatus, lang: Lang) -> &'static str {
    let (en, vi) = match status {
        CommentStatus::Pending => ("sent back to the queue", "đã trả về hàng chờ"),
        CommentStatus::Approved => ("approved", "đã duyệt"),
        CommentStatus::Rejected => ("rejected", "đã từ chối"),
        CommentStatus::Spam => ("moved to spam", "đã chuyển vào mục rác"),
    };
    if lang == Lang::En { en } else { vi }
}

/// Who decided a comment and when, as one clause: "Hương đã duyệt lúc 10:02" or
/// "approved by Hương at 10:02"; without a time, only who.
pub fn decided_sentence(status: CommentStatus, by: &str, at: Option<&str>, lang: Lang) -> String {
    let msg = if at.is_some() {
        Msg::QueueDecidedAt
    } else {
        Msg::QueueLost
    };
    msg.text(lang)
        .replace("{status}", decided_name(status, lang))
        .replace("{user}", by)
        .replace("{at}", at.unwrap_or_default())
}

pub fn comment_status_name(status: CommentStatus, lang: Lang) -> &'static str {
    let (en, vi) = match status {
        CommentStatus::Pending => ("pending", "chờ duyệt"),
        CommentStatus::Approved => ("approved", "đã duyệt"),
        CommentStatus::Rejected => ("rejected", "đã từ chối"),
        CommentStatus::Spam => ("spam", "rác"),
    };
    if lang == Lang::En { en } else { vi }
}

/// A search mistake as one sentence in the session's language.
pub fn query_error(e: &crate::domain::QueryError, lang: Lang) -> String {
    use crate::domain::{QueryError, search_example as example};
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        QueryError::UnknownFilter(name) => format!(
            "Không có bộ lọc \"{name}\": dùng status:, tag:, author:, before: hoặc after:, ví dụ status:published hoặc tag:dan-van."
        ),
        QueryError::BadDate { filter, value } => format!(
            "{filter}:{value} không phải ngày: viết dd/mm/yyyy, ví dụ {}.",
            example(filter)
        ),
        QueryError::BadStatus(value) => format!(
            "Không có trạng thái \"{value}\": dùng draft, submitted, scheduled, published hoặc spiked, ví dụ status:published."
        ),
        QueryError::EmptyFilter(name) => {
            format!(
                "Bộ lọc {name}: đang trống: thêm giá trị, ví dụ {}.",
                example(name)
            )
        }
    }
}

/// A revision's reason as stored (stable English, for scripts) in the session's language.
pub fn revision_reason(reason: &str, lang: Lang) -> String {
    // Workflow moves are stored as data, `status:draft:published`: worded here, in both
    // languages (older stores say `status draft → published`).
    let moved = reason
        .strip_prefix("status:")
        .and_then(|r| r.split_once(':'))
        .or_else(|| reason.strip_prefix("status ").and_then(|r| r.split_once(" → ")));
    if let Some((from, to)) = moved
        && let (Ok(from), Ok(to)) = (from.parse::<Status>(), to.parse::<Status>())
    {
        let word = if lang == Lang::En {
            "status"
        } else {
            "trạng thái"
        };
        return format!("{word} {} → {}", status_name(from, lang), status_name(to, lang));
    }
    if let Some(note) = reason.strip_prefix("correction: ") {
        let word = if lang == Lang::En {
            "correction"
        } else {
            "đính chính"
        };
        return format!("{word}: {note}");
    }
    if lang == Lang::En {
        return reason.to_owned();
    }
    if let Some(v) = reason.strip_prefix("restored version ") {
        return format!("khôi phục phiên bản {v}");
    }
    if let Some(id) = reason.strip_prefix("restored revision ") {
        return format!("khôi phục bản {id}");
    }
    if let Some(slugs) = reason.strip_prefix("slug ") {
        return format!("đường dẫn {slugs}");
    }
    if let Some(who) = reason
        .strip_prefix("unsaved text of ")
        .and_then(|r| r.strip_suffix(" at take-over"))
    {
        return format!("chữ chưa lưu của {who} khi bị giành quyền sửa");
    }
    match reason {
        "created" => "tạo bài",
        "saved" => "lưu",
        "autosave" => "tự lưu",
        "recovered autosave" => "bản tự lưu được giữ lại",
        "edited from the command line" => "sửa từ dòng lệnh",
        other => other,
    }
    .to_owned()
}

/// A refused schedule, in the session's language.
pub fn schedule_error(e: &crate::domain::ScheduleError, lang: Lang) -> String {
    use crate::domain::ScheduleError as E;
    if lang == Lang::En {
        let text = e.to_string();
        let mut chars = text.chars();
        // The domain's sentence starts lower-case: it is also used mid-sentence.
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    match e {
        E::Format { .. } => {
            "Không đọc được giờ: gõ theo dạng HH:MM dd/mm/yyyy, ví dụ 06:00 29/11/2026.".into()
        }
        E::Impossible { .. } => "Ngày này không có trên lịch: kiểm tra lại ngày và tháng.".into(),
        E::Zone { zone } => format!("Không biết múi giờ {zone:?}."),
        E::Past { wall, now, .. } => format!("{wall} đã qua: chọn giờ sau {now}."),
        E::Gap { wall, zone, after } => {
            format!("{wall} không có ở {zone} (đêm đó đồng hồ nhảy qua giờ này): chọn từ {after} trở đi.")
        }
        E::Fold {
            wall,
            zone,
            first,
            second,
        } => format!(
            "{wall} lặp lại hai lần ở {zone} khi đồng hồ lùi: có thể là {first} hoặc {second} (UTC); chọn giờ ngoài khoảng đó."
        ),
    }
}

/// Why a comment was held, in words a moderator reads.
pub fn rule_name(rule: &str, lang: Lang) -> String {
    let (en, vi) = match rule {
        "links" => ("several links", "nhiều liên kết"),
        "first_time" => ("first comment from this author", "người gửi lần đầu"),
        "repeat" => ("text sent before", "nội dung lặp lại"),
        "banned_word" => ("banned word", "từ cấm"),
        "suspect_word" => ("suspect word", "từ đáng ngờ"),
        other => (other, other),
    };
    if lang == Lang::En { en } else { vi }.to_owned()
}

pub fn role_name(role: Role, lang: Lang) -> &'static str {
    let (en, vi) = match role {
        Role::Reporter => ("reporter", "phóng viên"),
        Role::Editor => ("editor", "biên tập viên"),
        Role::Admin => ("admin", "quản trị"),
    };
    if lang == Lang::En { en } else { vi }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_the_language() {
        assert_eq!(Lang::from_locale(Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::Vi);
        assert_eq!(Lang::from_locale(Some("C")), Lang::Vi);
    }

    #[test]
    fn revision_reasons_read_in_vietnamese() {
        assert_eq!(revision_reason("saved", Lang::Vi), "lưu");
        assert_eq!(
            revision_reason("restored revision 12", Lang::Vi),
            "khôi phục bản 12"
        );
        assert_eq!(
            revision_reason("unsaved text of lan at take-over", Lang::Vi),
            "chữ chưa lưu của lan khi bị giành quyền sửa"
        );
        assert_eq!(revision_reason("saved", Lang::En), "saved");
    }

    #[test]
    fn held_reasons_read_in_vietnamese() {
        assert_eq!(held_reason("the lead is empty", Lang::Vi), "thiếu sa-pô");
        assert_eq!(
            held_reason("photo 2 has no credit", Lang::Vi),
            "ảnh 2 thiếu nguồn ảnh"
        );
        assert_eq!(
            held_reason("photo 1 has no alt text (or is not marked decorative)", Lang::Vi),
            "ảnh 1 thiếu mô tả (hoặc chưa đánh dấu là ảnh trang trí)"
        );
        assert_eq!(held_reason("the lead is empty", Lang::En), "the lead is empty");
        assert_eq!(weekday_name(jiff::civil::Weekday::Sunday, Lang::Vi), "Chủ nhật");
    }

    #[test]
    fn search_mistakes_show_the_filter_written_right_in_both_languages() {
        use crate::domain::SearchQuery;
        for (input, example) in [
            ("colour:red", "status:published"),
            ("before:2020-10-01", "before:06/10/2020"),
            ("status:live", "status:published"),
            ("author:", "author:lan.nguyen"),
            ("after:", "after:01/10/2020"),
        ] {
            let e = SearchQuery::parse(input).unwrap_err();
            for (lang, eg) in [(Lang::En, "e.g."), (Lang::Vi, "ví dụ")] {
                let text = query_error(&e, lang);
                assert!(
                    text.contains(&format!("{eg} {example}")),
                    "{input} in {lang:?} gives no example: {text}"
                );
            }
        }
        for lang in [Lang::En, Lang::Vi] {
            assert!(
                Msg::SearchFiltersAreForArticles
                    .text(lang)
                    .contains("status:published")
            );
        }
    }

    #[test]
    fn placeholders_agree_between_languages() {
        for msg in [
            Msg::ArticleCount,
            Msg::ComingComments,
            Msg::PendingComments,
            Msg::StoreFailed,
        ] {
            for ph in ["{n}", "{e}", "{id}"] {
                assert_eq!(
                    msg.text(Lang::En).contains(ph),
                    msg.text(Lang::Vi).contains(ph),
                    "{msg:?} {ph}"
                );
            }
        }
    }
}
