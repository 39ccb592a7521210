//! Creates the contratista's account: `datos_generales` (contact and domicilios — each domicilio
//! a JSON value object, always read and written whole), `servicio_repse`, `acuse_repse` (the
//! stored PDF's metadata; the bytes live in the file storage), and the capturistas:
//! `capturista` (one per CURP, with its Argon2id hash), `capturista_contratista` (who serves
//! whom, active or not), `token_capturista` (invitation and reset links, hashed),
//! `sesion_capturista` and `intento_fallido` (lockout counters shared by every replica).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DatosGenerales {
    Table,
    Rfc,
    Correo,
    Celular,
    Fijo,
    SocialIgualFiscal,
    DomicilioSocial,
    DomicilioConvencional,
    RepseNumero,
    RepseFecha,
    Actualizado,
}

#[derive(DeriveIden)]
enum ServicioRepse {
    Table,
    Id,
    Rfc,
    Folio,
    Descripcion,
}

#[derive(DeriveIden)]
enum AcuseRepse {
    Table,
    Rfc,
    Nombre,
    Tamano,
    Sha256,
    Clave,
    Subido,
}

#[derive(DeriveIden)]
enum Capturista {
    Table,
    Curp,
    Nombre,
    Correo,
    Contrasena,
    ContrasenaCambiada,
    Creado,
}

#[derive(DeriveIden)]
enum CapturistaContratista {
    Table,
    Rfc,
    Curp,
    Nombre,
    Correo,
    Activo,
    Registrado,
    UltimoIngreso,
}

#[derive(DeriveIden)]
enum TokenCapturista {
    Table,
    Id,
    Curp,
    Tipo,
    Expira,
    Usado,
    Creado,
}

#[derive(DeriveIden)]
enum SesionCapturista {
    Table,
    Id,
    Curp,
    Rfc,
    Creada,
    UltimoUso,
}

#[derive(DeriveIden)]
enum IntentoFallido {
    Table,
    Clave,
    Fallidos,
    VentanaInicio,
    BloqueadoHasta,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DatosGenerales::Table)
                    .if_not_exists()
                    .col(string_len(DatosGenerales::Rfc, 13).primary_key())
                    .col(string_len(DatosGenerales::Correo, 254))
                    .col(string_len(DatosGenerales::Celular, 10))
                    .col(string_len_null(DatosGenerales::Fijo, 10))
                    .col(boolean_null(DatosGenerales::SocialIgualFiscal))
                    .col(text_null(DatosGenerales::DomicilioSocial))
                    .col(text_null(DatosGenerales::DomicilioConvencional))
                    .col(string_len_null(DatosGenerales::RepseNumero, 30))
                    .col(date_null(DatosGenerales::RepseFecha))
                    .col(timestamp_with_time_zone(DatosGenerales::Actualizado))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServicioRepse::Table)
                    .if_not_exists()
                    .col(pk_auto(ServicioRepse::Id))
                    .col(string_len(ServicioRepse::Rfc, 13))
                    .col(string_len(ServicioRepse::Folio, 40))
                    .col(string_len(ServicioRepse::Descripcion, 500))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_servicio_repse_rfc_folio")
                    .table(ServicioRepse::Table)
                    .col(ServicioRepse::Rfc)
                    .col(ServicioRepse::Folio)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AcuseRepse::Table)
                    .if_not_exists()
                    .col(string_len(AcuseRepse::Rfc, 13).primary_key())
                    .col(string_len(AcuseRepse::Nombre, 255))
                    .col(big_integer(AcuseRepse::Tamano))
                    .col(string_len(AcuseRepse::Sha256, 64))
                    .col(string_len(AcuseRepse::Clave, 200))
                    .col(timestamp_with_time_zone(AcuseRepse::Subido))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Capturista::Table)
                    .if_not_exists()
                    .col(string_len(Capturista::Curp, 18).primary_key())
                    .col(string_len(Capturista::Nombre, 200))
                    .col(string_len(Capturista::Correo, 254))
                    .col(string_len_null(Capturista::Contrasena, 200))
                    .col(timestamp_with_time_zone_null(
                        Capturista::ContrasenaCambiada,
                    ))
                    .col(timestamp_with_time_zone(Capturista::Creado))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CapturistaContratista::Table)
                    .if_not_exists()
                    .col(string_len(CapturistaContratista::Rfc, 13))
                    .col(string_len(CapturistaContratista::Curp, 18))
                    .col(string_len(CapturistaContratista::Nombre, 200))
                    .col(string_len(CapturistaContratista::Correo, 254))
                    .col(boolean(CapturistaContratista::Activo).default(true))
                    .col(timestamp_with_time_zone(CapturistaContratista::Registrado))
                    .col(timestamp_with_time_zone_null(
                        CapturistaContratista::UltimoIngreso,
                    ))
                    .primary_key(
                        Index::create()
                            .col(CapturistaContratista::Rfc)
                            .col(CapturistaContratista::Curp),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_capturista_contratista_curp")
                    .table(CapturistaContratista::Table)
                    .col(CapturistaContratista::Curp)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TokenCapturista::Table)
                    .if_not_exists()
                    .col(string_len(TokenCapturista::Id, 64).primary_key())
                    .col(string_len(TokenCapturista::Curp, 18))
                    .col(string_len(TokenCapturista::Tipo, 20))
                    .col(timestamp_with_time_zone(TokenCapturista::Expira))
                    .col(boolean(TokenCapturista::Usado).default(false))
                    .col(timestamp_with_time_zone(TokenCapturista::Creado))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SesionCapturista::Table)
                    .if_not_exists()
                    .col(string_len(SesionCapturista::Id, 64).primary_key())
                    .col(string_len(SesionCapturista::Curp, 18))
                    .col(string_len_null(SesionCapturista::Rfc, 13))
                    .col(timestamp_with_time_zone(SesionCapturista::Creada))
                    .col(timestamp_with_time_zone(SesionCapturista::UltimoUso))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sesion_capturista_curp")
                    .table(SesionCapturista::Table)
                    .col(SesionCapturista::Curp)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IntentoFallido::Table)
                    .if_not_exists()
                    .col(string_len(IntentoFallido::Clave, 80).primary_key())
                    .col(integer(IntentoFallido::Fallidos))
                    .col(timestamp_with_time_zone(IntentoFallido::VentanaInicio))
                    .col(timestamp_with_time_zone_null(
                        IntentoFallido::BloqueadoHasta,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for tabla in [
            IntentoFallido::Table.into_iden(),
            SesionCapturista::Table.into_iden(),
            TokenCapturista::Table.into_iden(),
            CapturistaContratista::Table.into_iden(),
            Capturista::Table.into_iden(),
            AcuseRepse::Table.into_iden(),
            ServicioRepse::Table.into_iden(),
            DatosGenerales::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(tabla).to_owned())
                .await?;
        }
        Ok(())
    }
}
