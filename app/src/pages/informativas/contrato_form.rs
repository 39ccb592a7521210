//! `/informativas/{id}/contratos/nuevo` and `/informativas/{id}/contratos/{cid}/editar`: the
//! contract form — the contratante (RFC, name, contact, domicilios with the postal-code
//! component) and the contract (objeto, REPSE service, dates, the optional SISUB fields). The
//! browser checks with the domain code before sending; the server checks again with the catalog.

use super::detalle::parametro;
use super::ConSesion;
use crate::api::informativas::{ruta, ruta_contrato, ContratoDetalle, InformativaDetalle};
use crate::components::domicilio::{CapturaDomicilio, EstadoDomicilio};
use crate::components::formulario::{error_en, CampoTexto};
use crate::domain::cuenta::ServicioRepse;
use crate::domain::error::ErrorCampo;
use crate::domain::informativas::{Contrato, ContratoEntrada};
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
struct Campos {
    rfc: RwSignal<String>,
    nombre: RwSignal<String>,
    correo: RwSignal<String>,
    celular: RwSignal<String>,
    fijo: RwSignal<String>,
    con_social: RwSignal<bool>,
    social: EstadoDomicilio,
    con_convencional: RwSignal<bool>,
    convencional: EstadoDomicilio,
    objeto: RwSignal<String>,
    servicio: RwSignal<String>,
    inicio: RwSignal<String>,
    termino: RwSignal<String>,
    numero: RwSignal<String>,
    monto: RwSignal<String>,
    estimados: RwSignal<String>,
}

impl Campos {
    fn new() -> Self {
        let s = || RwSignal::new(String::new());
        Campos {
            rfc: s(),
            nombre: s(),
            correo: s(),
            celular: s(),
            fijo: s(),
            con_social: RwSignal::new(false),
            social: EstadoDomicilio::new(),
            con_convencional: RwSignal::new(false),
            convencional: EstadoDomicilio::new(),
            objeto: s(),
            servicio: s(),
            inicio: s(),
            termino: s(),
            numero: s(),
            monto: s(),
            estimados: s(),
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn cargar(&self, c: &Contrato) {
        let e = c.entrada();
        self.rfc.set(e.rfc_contratante);
        self.nombre.set(e.nombre_contratante);
        self.correo.set(e.correo);
        self.celular.set(e.celular);
        self.fijo.set(e.fijo);
        self.con_social.set(c.domicilio_social.is_some());
        if let Some(d) = &c.domicilio_social {
            self.social.cargar(d);
        }
        self.con_convencional
            .set(c.domicilio_convencional.is_some());
        if let Some(d) = &c.domicilio_convencional {
            self.convencional.cargar(d);
        }
        self.objeto.set(e.objeto);
        self.servicio.set(e.servicio);
        self.inicio.set(e.fecha_inicio);
        self.termino.set(e.fecha_termino);
        self.numero.set(e.numero_contrato);
        self.monto.set(e.monto);
        self.estimados.set(e.trabajadores_estimados);
    }

    fn entrada(&self) -> ContratoEntrada {
        ContratoEntrada {
            rfc_contratante: self.rfc.get_untracked(),
            nombre_contratante: self.nombre.get_untracked(),
            correo: self.correo.get_untracked(),
            celular: self.celular.get_untracked(),
            fijo: self.fijo.get_untracked(),
            domicilio_social: self
                .con_social
                .get_untracked()
                .then(|| self.social.entrada()),
            domicilio_convencional: self
                .con_convencional
                .get_untracked()
                .then(|| self.convencional.entrada()),
            objeto: self.objeto.get_untracked(),
            servicio: self.servicio.get_untracked(),
            fecha_inicio: self.inicio.get_untracked(),
            fecha_termino: self.termino.get_untracked(),
            numero_contrato: self.numero.get_untracked(),
            monto: self.monto.get_untracked(),
            trabajadores_estimados: self.estimados.get_untracked(),
        }
    }
}

/// `/informativas/{id}/contratos/nuevo`
#[component]
pub fn ContratoNuevo() -> impl IntoView {
    let id = parametro("id");
    view! {
        <Title text="Agregar contrato" />
        <section class="contenedor pagina contrato-form">
            <p class="migas"><a href=move || format!("/informativas/{}", id())>"← Informativa"</a></p>
            <h1>"Agregar contrato"</h1>
            <ConSesion contenido=move |_| view! { <Formulario id=id() cid=None /> } />
        </section>
    }
}

/// `/informativas/{id}/contratos/{cid}/editar`
#[component]
pub fn ContratoEditar() -> impl IntoView {
    let id = parametro("id");
    let cid = parametro("cid");
    view! {
        <Title text="Editar contrato" />
        <section class="contenedor pagina contrato-form">
            <p class="migas"><a href=move || format!("/informativas/{}/contratos/{}", id(), cid())>"← Contrato"</a></p>
            <h1>"Editar contrato"</h1>
            <ConSesion contenido=move |_| view! { <Formulario id=id() cid=Some(cid()) /> } />
        </section>
    }
}

#[component]
fn Formulario(id: i64, cid: Option<i64>) -> impl IntoView {
    let f = Campos::new();
    let servicios = RwSignal::new(Vec::<ServicioRepse>::new());
    let contexto = RwSignal::new(None::<(String, i32, u8)>);
    let errores = RwSignal::new(Vec::<ErrorCampo>::new());
    let mensaje = RwSignal::new(None::<String>);
    let guardando = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        match crate::browser::http::get::<InformativaDetalle>(&ruta(id)).await {
            Ok(Some(d)) => {
                servicios.set(d.servicios.clone());
                contexto.set(Some((
                    d.rfc.clone(),
                    d.informativa.anio,
                    d.informativa.periodo,
                )));
                if cid.is_none() {
                    if let Some(s) = d.servicios.first() {
                        f.servicio.set(s.folio.clone());
                    }
                }
            }
            Ok(None) => {}
            Err(e) => mensaje.set(Some(e.mensaje)),
        }
        if let Some(c) = cid {
            match crate::browser::http::get::<ContratoDetalle>(&ruta_contrato(id, c)).await {
                Ok(Some(d)) => f.cargar(&d.contrato),
                Ok(None) => {}
                Err(e) => mensaje.set(Some(e.mensaje)),
            }
        }
    });
    let guardar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        mensaje.set(None);
        let e = f.entrada();
        // Instant feedback with the domain code (everything but the postal catalog).
        if let Some((rfc, anio, periodo)) = contexto.get_untracked() {
            use crate::domain::calendar::{Anio, Cuatrimestre, Periodo};
            if let (Ok(a), Ok(c)) = (
                Anio::new(i64::from(anio)),
                Cuatrimestre::from_numero(periodo),
            ) {
                let s = servicios.get_untracked();
                let ctx = crate::domain::informativas::ContextoContrato {
                    rfc_contratista: &rfc,
                    periodo: Periodo::new(a, c),
                    servicios: &s,
                    catalogo: None,
                };
                if let Err(es) = Contrato::validar(&e, &ctx) {
                    let n = es.len();
                    errores.set(es);
                    mensaje.set(Some(format!(
                        "{n} dato(s) necesitan corrección; cada mensaje está junto a su campo."
                    )));
                    return;
                }
            }
        }
        errores.set(Vec::new());
        guardando.set(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let r = match cid {
                None => {
                    crate::browser::http::post::<_, ContratoDetalle>(
                        &format!("{}/contratos", ruta(id)),
                        &e,
                    )
                    .await
                }
                Some(c) => {
                    crate::browser::http::put::<_, ContratoDetalle>(&ruta_contrato(id, c), &e).await
                }
            };
            match r {
                Ok(Some(d)) => {
                    crate::browser::http::ir_a(&format!("/informativas/{id}/contratos/{}", d.id))
                }
                Ok(None) => {}
                Err(err) => {
                    errores.set(err.campos.clone());
                    mensaje.set(Some(err.mensaje));
                }
            }
            guardando.set(false);
        });
    };
    view! {
        <form class="formulario" on:submit=guardar novalidate=true data-testid="contrato">
            <h2>"Contratante"</h2>
            <CampoTexto campo="rfc_contratante" etiqueta="RFC del contratante" valor=f.rfc errores=errores
                ayuda="12 caracteres persona moral, 13 persona física; XEXX010101000 si es extranjero." />
            // V12: a check-digit mismatch does not block (some real RFCs have one), but is said.
            {move || crate::domain::ids::Rfc::parse(&f.rfc.get())
                .ok()
                .and_then(|r| r.avisos().into_iter().next())
                .map(|a| view! { <p class="aviso aviso--advertencia" role="status" data-testid="aviso-rfc">{a.mensaje}</p> })}
            <CampoTexto campo="nombre_contratante" etiqueta="Nombre o razón social" valor=f.nombre errores=errores />
            <CampoTexto campo="correo" etiqueta="Correo electrónico" valor=f.correo errores=errores tipo="email" />
            <CampoTexto campo="celular" etiqueta="Teléfono celular" valor=f.celular errores=errores tipo="tel" modo="tel" />
            <CampoTexto campo="fijo" etiqueta="Teléfono fijo (opcional)" valor=f.fijo errores=errores tipo="tel" modo="tel" />
            <label class="campo campo--en-linea">
                <input type="checkbox" prop:checked=move || f.con_social.get() on:change=move |ev| f.con_social.set(event_target_checked(&ev)) />
                "Capturar el domicilio social del contratante (si es distinto del fiscal)"
            </label>
            {move || f.con_social.get().then(|| view! {
                <CapturaDomicilio titulo="Domicilio social del contratante" prefijo="domicilio_social" estado=f.social errores=errores />
            })}
            <label class="campo campo--en-linea">
                <input type="checkbox" prop:checked=move || f.con_convencional.get() on:change=move |ev| f.con_convencional.set(event_target_checked(&ev)) />
                "Capturar el domicilio convencional del contratante"
            </label>
            {move || f.con_convencional.get().then(|| view! {
                <CapturaDomicilio titulo="Domicilio convencional del contratante" prefijo="domicilio_convencional" estado=f.convencional errores=errores />
            })}

            <h2>"Contrato"</h2>
            <div class="campo">
                <label for="objeto">"Objeto del contrato"</label>
                <textarea id="objeto" rows="3" prop:value=move || f.objeto.get() on:input=move |ev| f.objeto.set(event_target_value(&ev))></textarea>
                {error_en(errores, "objeto".into())}
            </div>
            <div class="campo">
                <label for="servicio">"Servicio u obra especializado (registro REPSE)"</label>
                <select id="servicio" prop:value=move || f.servicio.get() on:change=move |ev| f.servicio.set(event_target_value(&ev))>
                    {move || servicios.get().into_iter().map(|s| {
                        let v = s.folio.clone();
                        view! { <option value=v.clone() selected=v == f.servicio.get_untracked()>{format!("{} — {}", s.folio, s.descripcion)}</option> }
                    }).collect_view()}
                </select>
                {error_en(errores, "servicio".into())}
            </div>
            <CampoTexto campo="fecha_inicio" etiqueta="Fecha de inicio" valor=f.inicio errores=errores tipo="date"
                ayuda="Debe estar dentro del periodo de la informativa." />
            <CampoTexto campo="fecha_termino" etiqueta="Fecha de término (opcional)" valor=f.termino errores=errores tipo="date" />
            <CampoTexto campo="numero_contrato" etiqueta="Número de contrato (opcional)" valor=f.numero errores=errores />
            <CampoTexto campo="monto" etiqueta="Monto en pesos (opcional)" valor=f.monto errores=errores modo="decimal" />
            <CampoTexto campo="trabajadores_estimados" etiqueta="Número estimado de trabajadores (opcional)" valor=f.estimados errores=errores modo="numeric" />
            {move || mensaje.get().map(|m| view! { <div class="aviso aviso--error" role="alert" data-testid="resultado"><p>{m}</p></div> })}
            <p><button type="submit" class="boton" disabled=move || guardando.get()>"Guardar contrato"</button></p>
        </form>
    }
}
