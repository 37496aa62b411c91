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
    ComingSchedule,
    ComingComments,
    ComingTags,
    ComingEditor,
    ComingSearch,
    PendingComments,
    Restricted,
    HelpTitle,
    HelpClose,
    ContextGlobal,
    ContextList,
    ContextArticles,
    ImeHint,
    Refreshed,
    StoreFailed,
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
            Msg::ComingSchedule => (
                "The publishing schedule arrives with the scheduling work.",
                "Lịch đăng bài sẽ có khi phần hẹn giờ đăng hoàn thành.",
            ),
            Msg::ComingComments => (
                "The comment queue arrives with the moderation work. {n} comments are waiting.",
                "Hàng đợi bình luận sẽ có khi phần kiểm duyệt hoàn thành. Đang có {n} bình luận chờ duyệt.",
            ),
            Msg::ComingTags => (
                "Tag management arrives with the tagging work.",
                "Quản lý thẻ sẽ có khi phần gắn thẻ hoàn thành.",
            ),
            Msg::ComingEditor => (
                "The article editor is coming; for now use `newsroom article show {id}`.",
                "Trình soạn bài sắp có; tạm thời dùng `newsroom article show {id}`.",
            ),
            Msg::ComingSearch => ("Search is coming soon.", "Tìm kiếm sắp có."),
            Msg::PendingComments => ("{n} pending comments", "{n} bình luận chờ duyệt"),
            Msg::Restricted => ("restricted", "hạn chế"),
            Msg::HelpTitle => ("Keys", "Phím tắt"),
            Msg::HelpClose => ("Esc, q or ? closes this help", "Esc, q hoặc ? để đóng trợ giúp"),
            Msg::ContextGlobal => ("Everywhere", "Mọi nơi"),
            Msg::ContextList => ("Lists", "Danh sách"),
            Msg::ContextArticles => ("Articles", "Bài viết"),
            Msg::ImeHint => (
                "Switch the Vietnamese input method off to use command keys.",
                "Hãy tắt bộ gõ tiếng Việt để dùng phím lệnh.",
            ),
            Msg::Refreshed => ("Updated from another session.", "Đã cập nhật từ phiên khác."),
            Msg::StoreFailed => ("The store failed: {e}", "Lỗi kho dữ liệu: {e}"),
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

pub fn comment_status_name(status: CommentStatus, lang: Lang) -> &'static str {
    let (en, vi) = match status {
        CommentStatus::Pending => ("pending", "chờ duyệt"),
        CommentStatus::Approved => ("approved", "đã duyệt"),
        CommentStatus::Rejected => ("rejected", "đã từ chối"),
        CommentStatus::Spam => ("spam", "rác"),
    };
    if lang == Lang::En { en } else { vi }
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
    fn placeholders_agree_between_languages() {
        for msg in [
            Msg::ArticleCount,
            Msg::ComingComments,
            Msg::PendingComments,
            Msg::StoreFailed,
            Msg::ComingEditor,
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
