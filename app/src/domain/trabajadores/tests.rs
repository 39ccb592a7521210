//! The whole pipeline (detect → validate → rejected CSV) over the fixtures in
//! `app/tests/fixtures/trabajadores/`, fed in chunks of every awkward size.

use super::*;
use crate::domain::error::ErrorCode;
use chrono::NaiveDate;

macro_rules! fixture {
    ($nombre:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/trabajadores/",
            $nombre
        ))
        .as_slice()
    };
}

fn config() -> ConfigValidacion {
    ConfigValidacion {
        limites: LimitesArchivo::default(),
        sbc: crate::domain::dinero::tabla_publicada()
            .limites_en(NaiveDate::from_ymd_opt(2026, 8, 31).unwrap())
            .unwrap(),
    }
}

#[derive(Default)]
struct Recolector {
    hallazgos: Vec<HallazgoFila>,
    validos: Vec<Trabajador>,
    rechazados: Option<EscritorRechazados<Vec<u8>>>,
}

impl std::fmt::Debug for Recolector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recolector")
            .field("hallazgos", &self.hallazgos)
            .finish()
    }
}

impl Salida for Recolector {
    fn encabezado(&mut self, celdas: &[&str]) {
        if let Some(r) = &mut self.rechazados {
            r.encabezado(celdas).unwrap();
        }
    }
    fn fila(&mut self, fila: &FilaRevisada<'_>) {
        self.hallazgos.extend_from_slice(fila.hallazgos);
        if let Some(t) = &fila.trabajador {
            self.validos.push(t.clone());
        }
        if let Some(r) = &mut self.rechazados {
            r.fila(fila).unwrap();
        }
    }
}

/// Runs both passes feeding `trozo` bytes at a time; returns the summary, the sink and the
/// rejected CSV.
fn validar_en_trozos(
    bytes: &[u8],
    trozo: usize,
    config: ConfigValidacion,
) -> Result<(Resumen, Recolector, String), ErrorArchivo> {
    let mut detector = Detector::new();
    for t in bytes.chunks(trozo) {
        detector.alimentar(t);
    }
    let deteccion = detector.terminar();
    let mut salida = Recolector {
        rechazados: Some(EscritorRechazados::new(Vec::new(), deteccion.separador).unwrap()),
        ..Recolector::default()
    };
    let mut v = Validador::new(config, deteccion)?;
    for t in bytes.chunks(trozo) {
        v.alimentar(t, &mut salida)?;
    }
    let resumen = v.terminar(&mut salida)?;
    let rechazados = salida.rechazados.take().unwrap().terminar().unwrap();
    Ok((resumen, salida, String::from_utf8(rechazados).unwrap()))
}

/// The same result whatever the chunk size (1 byte, odd sizes, all at once).
fn validar(bytes: &[u8]) -> Result<(Resumen, Recolector, String), ErrorArchivo> {
    let referencia = validar_en_trozos(bytes, bytes.len().max(1), config());
    for trozo in [1, 2, 3, 7, 64] {
        let otro = validar_en_trozos(bytes, trozo, config());
        match (&referencia, &otro) {
            (Ok((r1, s1, c1)), Ok((r2, s2, c2))) => {
                assert_eq!(r1, r2, "trozo {trozo}");
                assert_eq!(s1.hallazgos, s2.hallazgos, "trozo {trozo}");
                assert_eq!(c1, c2, "trozo {trozo}");
            }
            (Err(e1), Err(e2)) => assert_eq!(e1, e2, "trozo {trozo}"),
            _ => panic!("trozo {trozo} differs"),
        }
    }
    referencia
}

fn codigos(s: &Recolector) -> Vec<(u64, ErrorCode)> {
    s.hallazgos.iter().map(|h| (h.fila, h.codigo)).collect()
}

#[test]
fn the_spec_example_is_valid_plain_utf8_with_comma() {
    let (r, s, rechazados) = validar(fixture!("valido.csv")).unwrap();
    assert_eq!(
        (r.filas, r.validas, r.con_errores, r.con_avisos),
        (4, 4, 0, 0)
    );
    assert_eq!(
        (r.codificacion, r.separador, r.encabezado),
        (Codificacion::Utf8, Separador::Coma, false)
    );
    assert_eq!(s.validos.len(), 4);
    assert_eq!(s.validos[0].nss.as_str(), "01108512342");
    assert_eq!(rechazados, "\u{feff}", "nothing rejected, only the BOM");
}

#[test]
fn a_bom_and_a_header_with_crlf_are_understood() {
    let (r, s, _) = validar(fixture!("bom_encabezado.csv")).unwrap();
    assert_eq!(
        (r.filas, r.validas, r.codificacion, r.encabezado),
        (4, 4, Codificacion::Utf8Bom, true)
    );
    assert!(s.hallazgos.is_empty());
}

#[test]
fn windows_1252_with_enye_in_other_columns_keeps_the_names_right_in_the_rejected_csv() {
    let (r, s, rechazados) = validar(fixture!("windows1252.csv")).unwrap();
    assert_eq!(
        (r.codificacion, r.separador),
        (Codificacion::Windows1252, Separador::PuntoYComa)
    );
    assert_eq!((r.filas, r.validas, r.con_errores), (3, 2, 1));
    assert_eq!(codigos(&s), vec![(3, ErrorCode::SbcFormat)]);
    assert!(
        rechazados.starts_with(
            "\u{feff}Nombre;Número de Seguridad Social;CURP;Salario Base de Cotización;MOTIVO\r\n"
        ),
        "{rechazados}"
    );
    assert!(
        rechazados
            .contains("MARÍA IBÁÑEZ;43159067891;GAMA900215MJCRRN05;1,250.50;Renglón 3. SBC: "),
        "{rechazados}"
    );
}

#[test]
fn semicolons_with_crlf_and_lone_cr_line_ends_are_read() {
    let (r, s, _) = validar(fixture!("punto_y_coma_crlf.csv")).unwrap();
    assert_eq!(
        (r.filas, r.validas, r.separador),
        (4, 4, Separador::PuntoYComa)
    );
    assert!(s.hallazgos.is_empty());
    let (r, _, _) = validar(fixture!("solo_cr.csv")).unwrap();
    assert_eq!((r.filas, r.validas), (4, 4));
}

#[test]
fn quoted_cells_are_unquoted_and_a_quoted_thousands_comma_is_an_sbc_error() {
    let (r, s, rechazados) = validar(fixture!("entrecomillado.csv")).unwrap();
    assert_eq!((r.filas, r.validas, r.encabezado), (2, 1, true));
    assert_eq!(codigos(&s), vec![(3, ErrorCode::SbcFormat)]);
    assert!(
        rechazados.contains("\"1,250.50\""),
        "the writer quotes it again: {rechazados}"
    );
}

#[test]
fn blank_lines_and_rows_of_empty_cells_are_skipped_but_keep_the_excel_numbering() {
    let bytes = b"\n01108512342,PELJ850101HDFRPN06,315.04\n\n,,\n12345678901,GAMA900215MJCRRN05,500\n\n   \n";
    let (r, s, _) = validar(bytes).unwrap();
    assert_eq!((r.filas, r.validas), (2, 1));
    assert_eq!(codigos(&s), vec![(5, ErrorCode::NssCheckDigit)]);
    let (r, _, _) = validar(fixture!("lineas_en_blanco.csv")).unwrap();
    assert_eq!((r.filas, r.validas), (4, 4));
}

#[test]
fn a_chunk_that_normalises_to_nothing_is_not_mistaken_for_the_end() {
    // The last chunk is the LF of a CRLF: found by the chunking property below.
    let (_, s, _) = validar_en_trozos(b"\xD1,\"\r\n", 1, config()).unwrap();
    assert_eq!(s.hallazgos[0].fila, 1);
}

#[test]
fn a_line_break_inside_quotes_does_not_shift_the_row_numbers() {
    let bytes = b"\"a\nb\",x,y\r\n12345678901,PELJ850101HDFRPN06,315.04\r\n";
    let (_, s, _) = validar(bytes).unwrap();
    let filas: Vec<u64> = s.hallazgos.iter().map(|h| h.fila).collect();
    assert_eq!(filas, vec![1, 1, 1, 2]);
}

#[test]
fn excel_damage_to_the_nss_is_diagnosed() {
    let (r, s, _) = validar(fixture!("notacion_cientifica.csv")).unwrap();
    assert_eq!(r.con_errores, 2);
    assert_eq!(
        codigos(&s),
        vec![
            (1, ErrorCode::NssScientificNotation),
            (2, ErrorCode::NssLeadingZeroLost)
        ]
    );
    assert!(
        s.hallazgos[1].mensaje.contains("01108512342"),
        "{}",
        s.hallazgos[1].mensaje
    );
}

#[test]
fn duplicates_name_the_first_row() {
    let (r, s, _) = validar(fixture!("duplicados.csv")).unwrap();
    assert_eq!((r.filas, r.validas, r.con_errores), (5, 4, 1));
    assert_eq!(
        codigos(&s),
        vec![(5, ErrorCode::DuplicateNss), (5, ErrorCode::DuplicateCurp)]
    );
    assert!(s.hallazgos[0].mensaje.contains("renglón 1"));
    assert!(s.hallazgos[1].mensaje.contains("renglón 2"));
}

#[test]
fn extra_and_missing_columns_are_row_errors() {
    let (r, s, rechazados) = validar(fixture!("columnas.csv")).unwrap();
    assert_eq!((r.filas, r.validas, r.con_errores), (3, 1, 2));
    assert_eq!(
        codigos(&s),
        vec![(1, ErrorCode::RowColumns), (2, ErrorCode::RowColumns)]
    );
    let lineas: Vec<&str> = rechazados.lines().collect();
    assert_eq!(lineas[0], "\u{feff}NSS,CURP,SBC,MOTIVO");
    assert!(
        lineas[1].starts_with("01108512342,PELJ850101HDFRPN06,315.04,extra,\"Renglón 1."),
        "{}",
        lineas[1]
    );
    assert!(
        lineas[2].starts_with("43159067891,GAMA900215MJCRRN05,,\"Renglón 2."),
        "{}",
        lineas[2]
    );
}

#[test]
fn every_finding_of_every_row_with_severity() {
    let (r, s, _) = validar(fixture!("errores.csv")).unwrap();
    assert_eq!(
        (r.filas, r.validas, r.con_errores, r.con_avisos),
        (3, 1, 2, 1)
    );
    assert_eq!(
        codigos(&s),
        vec![
            (2, ErrorCode::NssCheckDigit),
            (2, ErrorCode::CurpCheckDigit),
            (2, ErrorCode::SbcFormat),
            (3, ErrorCode::SbcOverCap),
            (4, ErrorCode::SbcBelowMinimum),
        ]
    );
    assert_eq!(s.hallazgos[4].severidad, Severidad::Aviso);
    assert_eq!(s.hallazgos[0].columna, Some(Columna::Nss));
}

#[test]
fn an_empty_file_and_a_header_only_file_are_file_errors() {
    assert_eq!(
        validar(fixture!("vacio.csv")).unwrap_err(),
        ErrorArchivo::Vacio
    );
    assert_eq!(validar(b"\n\r\n,,\n").unwrap_err(), ErrorArchivo::Vacio);
    let e = validar(fixture!("solo_encabezado.csv")).unwrap_err();
    assert_eq!(e, ErrorArchivo::SoloEncabezado);
    assert_eq!(
        crate::domain::error::DomainError::code(&e),
        ErrorCode::FileEmpty
    );
}

#[test]
fn a_broken_header_stops_the_file_with_its_row() {
    let e = validar(b"\nNSS,CURP\n1,2\n").unwrap_err();
    assert!(
        matches!(&e, ErrorArchivo::Encabezado { fila: 2, detalle } if detalle.contains("SBC")),
        "{e:?}"
    );
}

#[test]
fn limits_are_enforced_with_a_clear_error() {
    let mut c = config();
    c.limites.max_filas = 3;
    let e = validar_en_trozos(fixture!("valido.csv"), 10, c)
        .err()
        .unwrap();
    assert_eq!(
        crate::domain::error::DomainError::code(&e),
        ErrorCode::FileTooLarge
    );
    assert!(e.to_string().contains("más de 3 renglones"), "{e}");
    c.limites.max_filas = 4;
    assert!(validar_en_trozos(fixture!("valido.csv"), 10, c).is_ok());
    c.limites.max_bytes = 100;
    let e = validar_en_trozos(fixture!("valido.csv"), 10, c)
        .err()
        .unwrap();
    assert!(matches!(e, ErrorArchivo::DemasiadoGrande { .. }));
}

#[test]
fn an_unclosed_quote_is_reported_not_buffered_forever() {
    let mut bytes = b"01108512342,\"PELJ".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    let e = validar_en_trozos(&bytes, 64 * 1024, config())
        .err()
        .unwrap();
    assert_eq!(e, ErrorArchivo::FilaInterminable { fila: 1 });
}

#[test]
fn the_reader_entry_point_gives_the_same_result() {
    let bytes = fixture!("errores.csv");
    let mut s = Recolector::default();
    let r = validar_lector(|| Ok(bytes), config(), &mut s).unwrap();
    assert_eq!(r, validar(bytes).unwrap().0);
}

#[test]
fn the_template_validates_cleanly() {
    let (r, s, _) = validar(&plantilla()).unwrap();
    assert_eq!(
        (r.filas, r.validas, r.encabezado, r.codificacion),
        (2, 2, true, Codificacion::Utf8Bom)
    );
    assert!(s.hallazgos.is_empty());
}

#[test]
fn the_summary_json_has_the_documented_shape() {
    let (r, s, _) = validar(fixture!("errores.csv")).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["codificacion"], "utf-8");
    assert_eq!(json["separador"], ",");
    let h = serde_json::to_value(&s.hallazgos[0]).unwrap();
    assert_eq!(
        h,
        serde_json::json!({"fila": 2, "columna": "NSS", "codigo": "nss_check_digit", "severidad": "error", "mensaje": s.hallazgos[0].mensaje})
    );
}

mod propiedades {
    use super::*;
    use proptest::prelude::*;

    /// Bytes that look like a worker CSV gone wrong: digits, letters, delimiters, quotes, line ends.
    fn casi_csv() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            prop_oneof![
                Just(b'0'),
                Just(b'1'),
                Just(b'9'),
                Just(b'A'),
                Just(b'X'),
                Just(b','),
                Just(b';'),
                Just(b'"'),
                Just(b'\n'),
                Just(b'\r'),
                Just(b'.'),
                Just(b' '),
                Just(0xD1u8),
                Just(0xC3u8),
                any::<u8>(),
            ],
            0..300,
        )
    }

    proptest! {
        #[test]
        fn any_input_gives_the_same_verdict_whatever_the_chunk_size(bytes in casi_csv(), trozo in 1usize..40) {
            let entero = validar_en_trozos(&bytes, bytes.len().max(1), config());
            let troceado = validar_en_trozos(&bytes, trozo, config());
            match (entero, troceado) {
                (Ok((r1, s1, c1)), Ok((r2, s2, c2))) => {
                    prop_assert_eq!(&r1, &r2);
                    prop_assert_eq!(s1.hallazgos, s2.hallazgos);
                    prop_assert_eq!(c1, c2);
                    prop_assert_eq!(r1.validas + r1.con_errores, r1.filas);
                }
                (Err(e1), Err(e2)) => prop_assert_eq!(e1, e2),
                (a, b) => prop_assert!(false, "{:?} vs {:?}", a.map(|r| r.0), b.map(|r| r.0)),
            }
        }

        #[test]
        fn rows_built_from_valid_values_are_all_valid(n in 1usize..40, separador in prop_oneof![Just(','), Just(';'), Just('\t'), Just('|')]) {
            let nss = ["01108512342", "43159067891", "92919084431", "56028700559", "12345678903", "07990011111"];
            let curp = ["PELJ850101HDFRPN06", "GAMA900215MJCRRN05", "LOHM010203HNLPRRA4", "ROSE750630MVZDNL02", "HEGG560427MVZRRL04", "BEML920313HMCLNS09"];
            let mut texto = String::new();
            for i in 0..n.min(6) {
                texto.push_str(&format!("{}{separador}{}{separador}{}.{:02}\r\n", nss[i], curp[i], 400 + i, i));
            }
            let (r, s, _) = validar_en_trozos(texto.as_bytes(), 7, config()).unwrap();
            prop_assert_eq!(r.filas, n.min(6) as u64);
            prop_assert_eq!(r.validas, r.filas);
            prop_assert!(s.hallazgos.is_empty(), "{:?}", s.hallazgos);
        }
    }
}
