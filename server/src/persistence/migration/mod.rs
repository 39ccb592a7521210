//! Schema migrations, one file per migration (`DeriveMigrationName` takes the file stem as the
//! migration's name, so two migrations in one file would collide).

mod m20261121_000001_crear_dia_inhabil;
mod m20261121_000002_crear_autenticacion;
mod m20261121_000003_crear_cuenta;
mod m20261122_000004_crear_informativas;
mod m20261123_000005_trabajador_compacto;
mod m20261123_000006_crear_presentaciones;
mod m20261124_000007_indice_curp;
mod m20261202_000008_crear_parametros;
mod m20261202_000009_historial_repse;
mod m20261202_000010_crear_limite;
mod m20261202_000011_carga_en_curso;
mod m20261203_000012_crear_avisos;
mod m20261203_000013_crear_listado;
mod m20261203_000014_crear_beneficiarios;
mod m20261203_000015_crear_tokens_api;

use sea_orm_migration::prelude::*;

/// The yearly figures the parametros migration seeds (UMA, general and border minimum wages, in
/// centavos, with their sources).
pub fn semilla_parametros() -> &'static [(i32, i64, i64, i64, &'static str, &'static str)] {
    m20261202_000008_crear_parametros::SEMILLA
}

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_crear_dia_inhabil::Migration),
            Box::new(m20261121_000002_crear_autenticacion::Migration),
            Box::new(m20261121_000003_crear_cuenta::Migration),
            Box::new(m20261122_000004_crear_informativas::Migration),
            Box::new(m20261123_000005_trabajador_compacto::Migration),
            Box::new(m20261123_000006_crear_presentaciones::Migration),
            Box::new(m20261124_000007_indice_curp::Migration),
            Box::new(m20261202_000008_crear_parametros::Migration),
            Box::new(m20261202_000009_historial_repse::Migration),
            Box::new(m20261202_000010_crear_limite::Migration),
            Box::new(m20261202_000011_carga_en_curso::Migration),
            Box::new(m20261203_000012_crear_avisos::Migration),
            Box::new(m20261203_000013_crear_listado::Migration),
            Box::new(m20261203_000014_crear_beneficiarios::Migration),
            Box::new(m20261203_000015_crear_tokens_api::Migration),
        ]
    }
}
