//! `/informativas/{id}/contratos/nuevo` and `/informativas/{id}/contratos/{cid}/editar`: the
//! contract form — the contratante (RFC, name, contact, domicilios with the postal-code
//! component) and the contract (objeto, REPSE service, dates, the optional SISUB fields). The
//! browser checks with the domain code before sending; the server checks again with the catalog.

use super::detalle::parametro;
use super::fuera_de_sesion;
use crate::api::informativas::funciones::{
    vista_formulario_contrato, DatosFormularioContrato, GuardarContrato,
};
use crate::components::aviso::{Aviso, AvisoError, TipoAviso};
use crate::components::domicilio::{CapturaDomicilio, EstadoDomicilio};
use crate::components::formulario::{error_en, nombre_de, Campo, PrefijoFormulario};
use crate::domain::informativas::{Contrato, ContratoEntrada};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
            <Cargar id cid=|| None />
        </section>
    }
}

/// `/informativas/{id}/contratos/{cid}/editar` (also where "Copiar" lands, with `?copia_de=`).
#[component]
pub fn ContratoEditar() -> impl IntoView {
    let id = parametro("id");
    let cid = parametro("cid");
    let copia = use_query_map().with_untracked(|q| q.get("copia_de").is_some());
    view! {
        <Title text=if copia { "Copia del contrato" } else { "Editar contrato" } />
        <section class="contenedor pagina contrato-form">
            <p class="migas"><a href=move || format!("/informativas/{}/contratos/{}", id(), cid())>"← Contrato"</a></p>
            <Cargar id cid=move || Some(cid()) />
        </section>
    }
}

/// Reads what the form starts with on the server, then renders it filled in.
#[component]
fn Cargar<I, C>(id: I, cid: C) -> impl IntoView
where
    I: Fn() -> i64 + Copy + Send + Sync + 'static,
    C: Fn() -> Option<i64> + Copy + Send + Sync + 'static,
{
    let vista = Resource::new(
        move || (id(), cid()),
        |(id, cid)| vista_formulario_contrato(id, cid),
    );
    view! {
        <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
            {move || Suspend::new(async move {
                match vista.await {
                    Ok(v) => view! { <Formulario id=id() cid=cid() v /> }.into_any(),
                    Err(e) => fuera_de_sesion(e).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Formulario(id: i64, cid: Option<i64>, v: DatosFormularioContrato) -> impl IntoView {
    let f = Campos::new();
    match &v.contrato {
        Some(c) => f.cargar(c),
        None => {
            if let Some(s) = v.servicios.first() {
                f.servicio.set(s.folio.clone());
            }
        }
    }
    let copia = use_query_map().with_untracked(|q| q.get("copia_de").is_some());
    let titulo = match (&v.contrato, copia) {
        (Some(c), true) => Some(format!("Copia del contrato con {}", c.nombre_contratante)),
        (Some(c), false) => Some(format!("Editar contrato con {}", c.nombre_contratante)),
        (None, _) => None,
    };
    let guardar = ServerAction::<GuardarContrato>::new();
    let errores = crate::components::formulario::errores_de(guardar);
    let mensaje = RwSignal::new(None::<String>);
    let servicios = v.servicios.clone();
    let (rfc, anio, periodo) = (v.rfc.clone(), v.anio, v.periodo);
    let al_enviar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        mensaje.set(None);
        let e = f.entrada();
        // Instant feedback with the domain code (everything but the postal catalog); the server
        // checks again with it.
        use crate::domain::calendar::{Anio, Cuatrimestre, Periodo};
        if let (Ok(a), Ok(c)) = (
            Anio::new(i64::from(anio)),
            Cuatrimestre::from_numero(periodo),
        ) {
            let ctx = crate::domain::informativas::ContextoContrato {
                rfc_contratista: &rfc,
                periodo: Periodo::new(a, c),
                servicios: &servicios,
                catalogo: None,
            };
            if let Err(es) = Contrato::validar(&e, &ctx) {
                let n = es.len();
                errores.set(es);
                mensaje.set(Some(if n == 1 {
                    "Un dato necesita corrección; el mensaje está junto a su campo.".to_string()
                } else {
                    format!("{n} datos necesitan corrección; cada mensaje está junto a su campo.")
                }));
                return;
            }
        }
        errores.set(Vec::new());
        guardar.dispatch(GuardarContrato {
            id,
            cid,
            contrato: e,
        });
    };
    provide_context(PrefijoFormulario("contrato"));
    let destino = <GuardarContrato as leptos::server_fn::ServerFn>::PATH;
    let servicios = v.servicios.clone();
    view! {
        {titulo.map(|t| view! { <h1>{t}</h1> })}
        {copia.then(|| view! {
            <Aviso tipo=TipoAviso::Info mensaje="Esta es una copia nueva del contrato (sin sus trabajadores). Revisa sus datos, cambia lo que sea distinto y guárdala." />
        })}
        {(!v.editable).then(|| view! {
            <Aviso tipo=TipoAviso::Advertencia mensaje="La informativa ya no está en captura: sus contratos no se pueden modificar." />
        })}
        // A real form: before the WebAssembly arrives it posts to the same server function.
        <form class="formulario" method="post" action=destino on:submit=al_enviar novalidate=true data-testid="contrato">
            <input type="hidden" name="id" value=id />
            {cid.map(|c| view! { <input type="hidden" name="cid" value=c /> })}
            <h2>"Contratante"</h2>
            <Campo nombre="rfc_contratante" etiqueta="RFC del contratante" enlace=f.rfc errores=errores
                ayuda="12 caracteres persona moral, 13 persona física; XEXX010101000 si es extranjero." />
            // V12: a check-digit mismatch does not block (some real RFCs have one), but is said.
            {move || crate::domain::ids::Rfc::parse(&f.rfc.get())
                .ok()
                .and_then(|r| r.avisos().into_iter().next())
                .map(|a| view! { <p class="aviso aviso--advertencia" role="status" data-testid="aviso-rfc">{a.mensaje}</p> })}
            <Campo nombre="nombre_contratante" etiqueta="Nombre o razón social" enlace=f.nombre errores=errores />
            <Campo nombre="correo" etiqueta="Correo electrónico" enlace=f.correo errores=errores tipo="email" />
            <Campo nombre="celular" etiqueta="Teléfono celular" enlace=f.celular errores=errores tipo="tel" modo="tel" />
            <Campo nombre="fijo" etiqueta="Teléfono fijo (opcional)" enlace=f.fijo errores=errores tipo="tel" modo="tel" />
            <label class="campo campo--en-linea">
                <input type="checkbox" checked=f.con_social.get_untracked() prop:checked=move || f.con_social.get() on:change=move |ev| f.con_social.set(event_target_checked(&ev)) />
                "Capturar el domicilio social del contratante (si es distinto del fiscal)"
            </label>
            {move || f.con_social.get().then(|| view! {
                <CapturaDomicilio titulo="Domicilio social del contratante" prefijo="domicilio_social" estado=f.social errores=errores />
            })}
            <label class="campo campo--en-linea">
                <input type="checkbox" checked=f.con_convencional.get_untracked() prop:checked=move || f.con_convencional.get() on:change=move |ev| f.con_convencional.set(event_target_checked(&ev)) />
                "Capturar el domicilio convencional del contratante"
            </label>
            {move || f.con_convencional.get().then(|| view! {
                <CapturaDomicilio titulo="Domicilio convencional del contratante" prefijo="domicilio_convencional" estado=f.convencional errores=errores />
            })}

            <h2>"Contrato"</h2>
            <div class="campo">
                <label for="objeto">"Objeto del contrato"</label>
                <textarea id="objeto" name=nombre_de("objeto") rows="3" prop:value=move || f.objeto.get() on:input=move |ev| f.objeto.set(event_target_value(&ev))>{f.objeto.get_untracked()}</textarea>
                {error_en(errores, "objeto".into())}
            </div>
            <div class="campo">
                <label for="servicio">"Servicio u obra especializado (registro REPSE)"</label>
                <select id="servicio" name=nombre_de("servicio") on:change=move |ev| f.servicio.set(event_target_value(&ev))>
                    {servicios.into_iter().map(|s| {
                        let v = s.folio.clone();
                        let elegido = v == f.servicio.get_untracked();
                        view! { <option value=v selected=elegido>{format!("{} — {}", s.folio, s.descripcion)}</option> }
                    }).collect_view()}
                </select>
                {error_en(errores, "servicio".into())}
            </div>
            <Campo nombre="fecha_inicio" etiqueta="Fecha de inicio" enlace=f.inicio errores=errores tipo="date"
                ayuda="Debe estar dentro del periodo de la informativa." />
            <Campo nombre="fecha_termino" etiqueta="Fecha de término (opcional)" enlace=f.termino errores=errores tipo="date" />
            <Campo nombre="numero_contrato" etiqueta="Número de contrato (opcional)" enlace=f.numero errores=errores />
            <Campo nombre="monto" etiqueta="Monto en pesos (opcional)" enlace=f.monto errores=errores modo="decimal" />
            <Campo nombre="trabajadores_estimados" etiqueta="Número estimado de trabajadores (opcional)" enlace=f.estimados errores=errores modo="numeric" />
            {move || mensaje.get().map(|m| view! { <div class="aviso aviso--error" role="alert" data-testid="resultado"><p>{m}</p></div> })}
            {move || guardar.value().with(|r| match r {
                Some(Err(e)) => Some(view! { <AvisoError error=e.clone() /> }),
                _ => None,
            })}
            <p><button type="submit" class="boton" disabled=move || guardar.pending().get()>"Guardar contrato"</button></p>
        </form>
    }
}
