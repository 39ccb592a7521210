//! `/tokens-api` (issue 19): the contratista's API tokens for payroll software — create one with
//! a name (its secret is shown once, right here, and never again), see when each was last used,
//! revoke it. Server-rendered; creating needs the WebAssembly because the answer carries the
//! secret, which must not travel in a redirect's URL: its button stays disabled ("Cargando…")
//! until the page is hydrated. Revoking is a plain form that works before it.

use crate::api::tokens_api::{vista_tokens_api, CrearTokenApi, RevocarTokenApi, TokenApiFila};
use crate::components::aviso::{AvisoError, ResultadoAccion};
use crate::components::formulario::hidratado;
use crate::pages::fuera_de_sesion;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/tokens-api`
#[component]
pub fn TokensApiPagina() -> impl IntoView {
    let crear = ServerAction::<CrearTokenApi>::new();
    let revocar = ServerAction::<RevocarTokenApi>::new();
    let datos = Resource::new(
        move || (crear.version().get(), revocar.version().get()),
        |_| vista_tokens_api(),
    );
    let listo = hidratado();
    let hecho = use_query_map().with_untracked(|q| q.get("hecho"));
    view! {
        <Title text="Tokens de API" />
        <section class="contenedor pagina tokens-api">
            <h1>"Tokens de API"</h1>
            <p class="entrada">
                "Un token deja que tu programa de nómina (CONTPAQi, un script propio…) capture por ti a través de la API: "
                "registrar informativas, contratos y trabajadores, hacer cargas masivas, consultar el estado y descargar acuses. "
                "Un token nunca firma, no envía a firma, no cambia tus datos generales ni administra capturistas. "
                "Guárdalo como una contraseña; si se filtra, revócalo aquí."
            </p>
            {hecho.map(|_| view! { <div class="aviso aviso--exito" role="status" data-testid="resultado"><p>"Revocaste el token; ya no funciona."</p></div> })}
            <ActionForm action=crear attr:class="formulario">
                <div class="campo">
                    <label for="nombre-token">"Nombre del token"</label>
                    <input id="nombre-token" name="nombre" maxlength="60" autocomplete="off" required=true
                        placeholder="Nómina CONTPAQi" />
                </div>
                <p>
                    <button type="submit" class="boton" disabled=move || !listo.get() data-testid="crear-token">
                        {move || if listo.get() { "Crear token" } else { "Cargando…" }}
                    </button>
                </p>
            </ActionForm>
            {move || crear.value().with(|v| match v {
                Some(Ok(t)) => Some(view! {
                    <div class="aviso aviso--exito" role="status" data-testid="token-creado">
                        <p>{format!("Token «{}» creado. Cópialo ahora: es la única vez que se muestra.", t.nombre)}</p>
                        <p><code class="token-secreto" data-testid="secreto">{t.secreto.clone()}</code></p>
                        <p>"Úsalo en el encabezado " <code>"Authorization: Bearer …"</code> " de cada petición a /api/v1. "
                           <a href="/api/docs">"Ver la documentación de la API"</a></p>
                    </div>
                }.into_any()),
                Some(Err(e)) => Some(view! { <AvisoError error=e.clone() /> }.into_any()),
                None => None,
            })}
            <ResultadoAccion accion=revocar exito=|_| Some("Revocaste el token; ya no funciona.".to_string()) />
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match datos.await {
                        Ok(t) => view! { <ListaTokens tokens=t revocar /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ListaTokens(tokens: Vec<TokenApiFila>, revocar: ServerAction<RevocarTokenApi>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p data-testid="sin-tokens">"No tienes tokens vigentes."</p> }.into_any();
    }
    view! {
        <h2>"Vigentes"</h2>
        <ul class="tarjetas" data-testid="tokens">
            {tokens.into_iter().map(|t| view! {
                <li class="tarjeta" data-prefijo=t.prefijo.clone()>
                    <p class="tarjeta__titulo">{t.nombre.clone()}</p>
                    <p class="texto-suave"><code>{t.prefijo.clone()}</code></p>
                    <p class="texto-suave">{format!("Creado el {} · Último uso: {}", t.creado, t.ultimo_uso)}</p>
                    <ActionForm action=revocar>
                        <input type="hidden" name="id" value=t.id.to_string() />
                        <button type="submit" class="boton boton--secundario">{format!("Revocar «{}»", t.nombre)}</button>
                    </ActionForm>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
