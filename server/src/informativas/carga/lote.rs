//! The accepted rows of one bulk upload, held packed in memory until the body has been read
//! and checked, then written in a few large statements: to `trabajador` **sorted by NSS**, then to
//! `trabajador_curp` **sorted by CURP**.
//!
//! Why sorted: each table is clustered on its key (contrato + NSS, contrato + CURP; SQLite
//! `WITHOUT ROWID`, PostgreSQL's primary-key B-trees), so rows in key order append to the right
//! edge of the tree instead of landing on a random page each; a file ordered by name or employee
//! number costs the same as one ordered by NSS. One table with a CURP index took 4× as long:
//! whichever order the rows come in, one of the two trees gets them at random (migration
//! `m20261124_000007`). Why packed: 40 bytes a row (1,000,000 rows, the file limit, is 40 MB)
//! instead of three `String`s.

use crate::error::o_duplicado;
use app::api::AppError;
use app::domain::error::ErrorCode;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseTransaction, Statement, Value};

/// Rows per SQLite `INSERT … FROM json_each(?)`: about 2.4 MB of JSON each.
const LOTE_SQLITE: usize = 50_000;
/// Rows per PostgreSQL `INSERT … SELECT FROM unnest(…)`: three array parameters per statement.
const LOTE_POSTGRES: usize = 50_000;

/// One accepted worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fila {
    nss: u64,
    curp: [u8; 18],
    sbc: i64,
}

impl Fila {
    fn nss(&self) -> String {
        format!("{:011}", self.nss)
    }

    fn curp(&self) -> String {
        // Checked by the domain before it got here: 18 ASCII capitals and digits.
        String::from_utf8_lossy(&self.curp).into_owned()
    }
}

/// NSS → u64 (11 digits fit). The caller passes a checked NSS.
pub(super) fn clave_nss(nss: &str) -> u64 {
    nss.bytes()
        .fold(0u64, |a, b| a * 10 + u64::from(b.wrapping_sub(b'0') % 10))
}

/// The rows waiting to be written.
#[derive(Debug, Default)]
pub(super) struct Lote {
    filas: Vec<Fila>,
}

impl Lote {
    /// Keeps one checked worker (`curp` is 18 ASCII characters, `nss` 11 digits).
    pub(super) fn agregar(&mut self, nss: &str, curp: &str, sbc: i64) {
        let mut c = [b' '; 18];
        for (d, o) in c.iter_mut().zip(curp.bytes()) {
            *d = o;
        }
        self.filas.push(Fila {
            nss: clave_nss(nss),
            curp: c,
            sbc,
        });
    }

    pub(super) fn len(&self) -> usize {
        self.filas.len()
    }

    /// Writes every row inside `txn`, in NSS order; see the module header.
    pub(super) async fn escribir(
        mut self,
        txn: &DatabaseTransaction,
        contrato_id: i64,
        carga_id: i64,
    ) -> Result<(), AppError> {
        escribir_filas(&mut self.filas, txn, contrato_id, carga_id).await
    }

    /// The rows in NSS order, in parts of at most `n` (`super::partes`).
    pub(super) fn en_partes(mut self, n: usize) -> Vec<Lote> {
        self.filas.sort_unstable_by_key(|f| f.nss);
        self.filas
            .chunks(n.max(1))
            .map(|c| Lote { filas: c.to_vec() })
            .collect()
    }
}

/// Writes `filas` inside `txn`: to `trabajador` in NSS order, to `trabajador_curp` in CURP order.
async fn escribir_filas(
    filas: &mut [Fila],
    txn: &DatabaseTransaction,
    contrato_id: i64,
    carga_id: i64,
) -> Result<(), AppError> {
    let backend = txn.get_database_backend();
    filas.sort_unstable_by_key(|f| f.nss);
    let lote = if backend == DatabaseBackend::Postgres {
        LOTE_POSTGRES
    } else {
        LOTE_SQLITE
    };
    for trozo in filas.chunks(lote) {
        match backend {
            DatabaseBackend::Postgres => postgres(txn, trozo, contrato_id, carga_id).await?,
            _ => sqlite(txn, trozo, contrato_id, carga_id).await?,
        }
    }
    filas.sort_unstable_by_key(|f| f.curp);
    for trozo in filas.chunks(lote) {
        match backend {
            DatabaseBackend::Postgres => postgres_curp(txn, trozo, contrato_id).await?,
            _ => sqlite_curp(txn, trozo, contrato_id).await?,
        }
    }
    Ok(())
}

/// PostgreSQL: the batch as three arrays in the binary protocol, expanded by `unnest`: three
/// parameters per statement whatever its size, and no text parsing on either side.
async fn postgres(
    txn: &DatabaseTransaction,
    filas: &[Fila],
    contrato_id: i64,
    carga_id: i64,
) -> Result<(), AppError> {
    let nss: Vec<String> = filas.iter().map(Fila::nss).collect();
    let curp: Vec<String> = filas.iter().map(Fila::curp).collect();
    let sbc: Vec<i64> = filas.iter().map(|f| f.sbc).collect();
    txn.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "INSERT INTO trabajador (contrato_id, nss, curp, sbc, carga_id) \
         SELECT $1, t.n, t.c, t.s, $2 FROM unnest($3::varchar[], $4::varchar[], $5::int8[]) AS t(n, c, s)",
        [
            contrato_id.into(),
            carga_id.into(),
            Value::from(nss),
            Value::from(curp),
            Value::from(sbc),
        ],
    ))
    .await
    .map_err(insercion)?;
    Ok(())
}

/// PostgreSQL, V08's CURP table: as [`postgres`], two arrays.
async fn postgres_curp(
    txn: &DatabaseTransaction,
    filas: &[Fila],
    contrato_id: i64,
) -> Result<(), AppError> {
    let curp: Vec<String> = filas.iter().map(Fila::curp).collect();
    let nss: Vec<String> = filas.iter().map(Fila::nss).collect();
    txn.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "INSERT INTO trabajador_curp (contrato_id, curp, nss) \
         SELECT $1, t.c, t.n FROM unnest($2::varchar[], $3::varchar[]) AS t(c, n)",
        [contrato_id.into(), Value::from(curp), Value::from(nss)],
    ))
    .await
    .map_err(insercion)?;
    Ok(())
}

/// SQLite, V08's CURP table: as [`sqlite`].
async fn sqlite_curp(
    txn: &DatabaseTransaction,
    filas: &[Fila],
    contrato_id: i64,
) -> Result<(), AppError> {
    ejecutar_sqlite(
        txn,
        "INSERT INTO trabajador_curp (contrato_id, curp, nss) \
         SELECT ?, j.value ->> 1, j.value ->> 0 FROM json_each(?) AS j",
        vec![contrato_id.into(), json_de(filas).into()],
    )
    .await
}

/// SQLite: the batch as one JSON array bound to one parameter and expanded by `json_each`, in
/// array order: the statement text never changes, so each connection prepares it once. (A
/// multi-row `VALUES` with the ids written into the text made every upload a new statement; the
/// driver cached each one, about a megabyte apiece, on every connection: the server grew past
/// 2.5 GB in the deadline-day benchmark.)
async fn sqlite(
    txn: &DatabaseTransaction,
    filas: &[Fila],
    contrato_id: i64,
    carga_id: i64,
) -> Result<(), AppError> {
    ejecutar_sqlite(
        txn,
        "INSERT INTO trabajador (contrato_id, nss, curp, sbc, carga_id) \
         SELECT ?, j.value ->> 0, j.value ->> 1, j.value ->> 2, ? FROM json_each(?) AS j",
        vec![contrato_id.into(), carga_id.into(), json_de(filas).into()],
    )
    .await
}

/// `[["NSS","CURP",SBC],…]`. NSS are digits and CURPs capitals and digits (checked by the
/// domain), so nothing needs escaping.
fn json_de(filas: &[Fila]) -> String {
    use std::fmt::Write;
    let mut j = String::with_capacity(filas.len() * 48 + 2);
    j.push('[');
    for (i, f) in filas.iter().enumerate() {
        if i > 0 {
            j.push(',');
        }
        let _ = write!(
            j,
            "[\"{:011}\",\"{}\",{}]",
            f.nss,
            String::from_utf8_lossy(&f.curp),
            f.sbc
        );
    }
    j.push(']');
    j
}

/// An insert error: a primary-key violation means another upload stored some of these workers
/// on the same contract while this batch was being checked (V08), so the batch is refused whole.
fn insercion(e: sea_orm::DbErr) -> AppError {
    o_duplicado(e, || {
        AppError::new(
            ErrorCode::DuplicateNss,
            "Mientras se revisaba este archivo, otra carga agregó al mismo contrato algunos de estos trabajadores. No se guardó nada de esta carga: vuelve a cargar el archivo y los repetidos se rechazarán.",
        )
    })
}

async fn ejecutar_sqlite(
    txn: &DatabaseTransaction,
    sql: &str,
    valores: Vec<Value>,
) -> Result<(), AppError> {
    txn.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        sql,
        valores,
    ))
    .await
    .map_err(insercion)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_through_the_packed_form() {
        let mut l = Lote::default();
        l.agregar("01108512342", "PELJ850101HDFRPN06", 31_504);
        let f = l.filas[0];
        assert_eq!(f.nss(), "01108512342");
        assert_eq!(f.curp(), "PELJ850101HDFRPN06");
        assert_eq!(f.sbc, 31_504);
        assert_eq!(std::mem::size_of::<Fila>(), 40);
        assert_eq!(
            json_de(&l.filas),
            r#"[["01108512342","PELJ850101HDFRPN06",31504]]"#
        );
    }
}
