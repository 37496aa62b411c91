use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError, to_seconds};
use crate::domain::{Login, NewUser, Operation, Role, User};
use crate::text;

impl Store {
    /// The first user of a new store; refused once anyone is registered.
    pub fn init_admin(&mut self, login: &Login, now: Timestamp) -> Result<User, StoreError> {
        let path = self.path.clone();
        let tx = self.write()?;
        let users: i64 = tx.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        if users > 0 {
            return Err(StoreError::AlreadySetUp { path });
        }
        let user = User {
            login: login.clone(),
            display_name: login.to_string(),
            role: Role::Admin,
            active: true,
        };
        insert_user(&tx, &user, now)?;
        audit::record(&tx, now, login.as_str(), user_created(&user))?;
        tx.commit()?;
        Ok(user)
    }

    pub fn add_user(&mut self, actor: &User, new: &NewUser, now: Timestamp) -> Result<User, StoreError> {
        self.add_user_with_keys(actor, new, &[], now)
    }

    /// Registers a user and their public keys in one transaction, so a refused key leaves
    /// no user behind. The caller checked each key's format and asked [`Store::ssh_key_owner`];
    /// a key registered in between by another admin fails on the UNIQUE constraint.
    pub fn add_user_with_keys(
        &mut self,
        actor: &User,
        new: &NewUser,
        public_keys: &[String],
        now: Timestamp,
    ) -> Result<User, StoreError> {
        actor.role.check(Operation::ManageUsers)?;
        new.validate()?;
        let user = User {
            login: new.login.clone(),
            display_name: text::nfc(new.display_name.trim()),
            role: new.role,
            active: true,
        };
        let tx = self.write()?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM users WHERE login = ?1",
                [user.login.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            return Err(StoreError::UserExists {
                login: user.login.to_string(),
            });
        }
        insert_user(&tx, &user, now)?;
        audit::record(&tx, now, actor.login.as_str(), user_created(&user))?;
        for public_key in public_keys {
            tx.execute(
                "INSERT INTO ssh_keys (login, public_key, added_at) VALUES (?1, ?2, ?3)",
                params![user.login.as_str(), public_key, to_seconds(now)],
            )?;
            let entry = AuditEntry {
                action: "user.add_ssh_key",
                entity: "user",
                entity_id: user.login.to_string(),
                before: None,
                after: Some(json!({ "public_key": public_key })),
            };
            audit::record(&tx, now, actor.login.as_str(), entry)?;
        }
        tx.commit()?;
        Ok(user)
    }

    /// Who a public key (`type base64`, no comment) is registered to, if anyone.
    pub fn ssh_key_owner(&self, public_key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT login FROM ssh_keys WHERE public_key = ?1",
                [public_key],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The user behind a session: must exist and be active.
    pub fn active_user(&self, login: &str) -> Result<User, StoreError> {
        let user = self
            .conn
            .query_row(
                "SELECT login, display_name, role, active FROM users WHERE login = ?1",
                [login],
                row_to_user,
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownUser {
                login: login.to_owned(),
            })?;
        if !user.active {
            return Err(StoreError::InactiveUser {
                login: login.to_owned(),
            });
        }
        Ok(user)
    }

    /// Users in login order, after `after` (keyset paging).
    pub fn users_page(&self, after: Option<&str>, limit: usize) -> Result<Vec<User>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT login, display_name, role, active FROM users
             WHERE login > ?1 ORDER BY login LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after.unwrap_or(""), limit as i64], row_to_user)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn insert_user(tx: &rusqlite::Transaction<'_>, user: &User, now: Timestamp) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO users (login, display_name, role, active, created_at) VALUES (?1, ?2, ?3, 1, ?4)",
        params![
            user.login.as_str(),
            user.display_name,
            user.role.as_str(),
            to_seconds(now)
        ],
    )?;
    Ok(())
}

fn user_created(user: &User) -> AuditEntry {
    AuditEntry {
        action: "user.add",
        entity: "user",
        entity_id: user.login.to_string(),
        before: None,
        after: Some(json!({ "display_name": user.display_name, "role": user.role })),
    }
}

fn row_to_user(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let login: String = r.get(0)?;
    let role: String = r.get(2)?;
    let bad = |i, e: crate::domain::DomainError| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(User {
        login: Login::parse(&login).map_err(|e| bad(0, e))?,
        display_name: r.get(1)?,
        role: role.parse().map_err(|e| bad(2, e))?,
        active: r.get(3)?,
    })
}
