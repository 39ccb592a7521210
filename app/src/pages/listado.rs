//! `/listado-publico`: the open data of issue 18 (Lineamientos 6.2) — every contract reported in
//! a period, by name (never RFCs), searched, filtered and paged; the XLSX and CSV of the latest
//! publication and of the earlier ones; the listado con información inconsistente beside it.
//! Server-rendered; the search is a plain GET form (nothing secret), so it works before and
//! without the WebAssembly and its result is a link anyone can share.

use crate::api::listado::{vista_listado, ConsultaListado, FilaPublica, PaginaListado};
use crate::components::aviso::AvisoError;
use crate::domain::dinero::miles;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/listado-publico?anio=&periodo=&q=&tipo=&lista=&pagina=`
#[component]
pub fn ListadoPublico() -> impl IntoView {
    let query = use_query_map();
    let consulta = move || {
        let q = query.read();
        ConsultaListado {
            anio: q.get("anio"),
            periodo: q.get("periodo"),
            q: q.get("q"),
            tipo: q.get("tipo"),
            lista: q.get("lista"),
            pagina: q.get("pagina"),
        }
    };
    let datos = Resource::new(consulta, vista_listado);
    view! {
        <Title text="Listado público de contratos" />
        <section class="contenedor pagina listado">
            <h1>"Listado público de contratos"</h1>
            <p class="entrada">
                "Los contratos de servicios u obras especializados que los contratistas informaron, por periodo, "
                "como los publica el IMSS cada mes. Aparecen nombres, nunca RFC, trabajadores ni montos. "
                "Si contratas a un proveedor, aquí compruebas que informó tu contrato."
            </p>
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match datos.await {
                        Ok(v) => view! { <Resultado v /> }.into_any(),
                        Err(error) => view! { <AvisoError error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The form, the rows, the pages and the files.
#[component]
fn Resultado(v: PaginaListado) -> impl IntoView {
    if v.anio.is_none() {
        return view! {
            <div class="aviso aviso--info" role="status" data-testid="sin-publicacion">
                <p>"Todavía no hay ninguna publicación. El listado se publica cada mes con las informativas presentadas."</p>
            </div>
        }
        .into_any();
    }
    let inconsistente = v.lista == "inconsistente";
    let anio = v.anio.unwrap_or_default();
    let periodo = v.periodo.unwrap_or_default();
    let enlace = {
        let (q, tipo, lista) = (v.q.clone(), v.tipo.clone(), v.lista.clone());
        move |pagina: u64| {
            let mut url = format!(
                "/listado-publico?anio={anio}&periodo={periodo}&lista={lista}&pagina={pagina}"
            );
            if !q.is_empty() {
                url.push_str(&format!("&q={}", codificar(&q)));
            }
            if !tipo.is_empty() {
                url.push_str(&format!("&tipo={tipo}"));
            }
            url
        }
    };
    let (anterior, siguiente) = (enlace.clone(), enlace);
    let titulo = if inconsistente {
        "Listado con información inconsistente"
    } else {
        "Contratos informados"
    };
    view! {
        <Busqueda v=v.clone() />
        <h2>{titulo}</h2>
        <p data-testid="total">{cuantas(v.total, &v.q)}</p>
        <ol class="tarjetas listado__filas" data-testid="listado">
            {v.filas.iter().cloned().map(|f| view! { <Fila f /> }).collect_view()}
        </ol>
        {(v.paginas > 1).then(|| view! {
            <nav class="paginacion" aria-label="Páginas del listado">
                <span class="paginacion__estado">{format!("Página {} de {}", v.pagina, v.paginas)}</span>
                {(v.pagina > 1).then(|| view! { <a href=anterior(v.pagina - 1)>"Anterior"</a> })}
                {(v.pagina < v.paginas).then(|| view! { <a href=siguiente(v.pagina + 1)>"Siguiente"</a> })}
            </nav>
        })}
        {(v.total > crate::api::listado::PAGINA_MAXIMA * crate::api::listado::POR_PAGINA).then(|| view! {
            <p class="texto-suave">"Aquí se muestran las primeras 10,000 filas; el archivo tiene todas."</p>
        })}
        <h2>"Descargar"</h2>
        <ul class="listado__publicaciones" data-testid="publicaciones">
            {v.publicaciones.iter().enumerate().map(|(i, p)| view! {
                <li>
                    {if i == 0 { "Publicación vigente del " } else { "Publicación del " }}
                    {p.fecha.clone()}
                    {format!(" ({}): ", filas(p.filas))}
                    {p.descargas.iter().map(|d| view! {
                        <a href=d.url.clone() download=d.nombre.clone()>{d.nombre.clone()}</a>
                        " "
                    }).collect_view()}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The search form (GET: a shareable link).
#[component]
fn Busqueda(v: PaginaListado) -> impl IntoView {
    let anios: Vec<i32> = {
        let mut a: Vec<i32> = v.periodos.iter().map(|p| p.anio).collect();
        a.dedup();
        a
    };
    let anio = v.anio.unwrap_or_default();
    let periodo = v.periodo.unwrap_or_default();
    view! {
        <form class="formulario listado__busqueda" method="get" action="/listado-publico" role="search">
            <div class="campo">
                <label for="listado-q">"Nombre del contratista o del contratante"</label>
                <input id="listado-q" name="q" type="search" maxlength="100" value=v.q.clone() autocomplete="off" />
            </div>
            <div class="listado__filtros">
                <div class="campo">
                    <label for="listado-anio">"Año"</label>
                    <select id="listado-anio" name="anio">
                        {anios.into_iter().map(|a| view! { <option value=a selected=a == anio>{a}</option> }).collect_view()}
                    </select>
                </div>
                <div class="campo">
                    <label for="listado-periodo">"Cuatrimestre"</label>
                    <select id="listado-periodo" name="periodo">
                        <option value="1" selected=periodo == 1>"1 (enero-abril)"</option>
                        <option value="2" selected=periodo == 2>"2 (mayo-agosto)"</option>
                        <option value="3" selected=periodo == 3>"3 (septiembre-diciembre)"</option>
                    </select>
                </div>
                <div class="campo">
                    <label for="listado-tipo">"Tipo de informativa"</label>
                    <select id="listado-tipo" name="tipo">
                        <option value="" selected=v.tipo.is_empty()>"Todas"</option>
                        <option value="normal" selected=v.tipo == "normal">"Normal"</option>
                        <option value="sin_informacion" selected=v.tipo == "sin_informacion">"Sin información"</option>
                        <option value="correccion" selected=v.tipo == "correccion">"Complementaria de corrección"</option>
                    </select>
                </div>
                <div class="campo">
                    <label for="listado-lista">"Listado"</label>
                    <select id="listado-lista" name="lista">
                        <option value="publico" selected=v.lista == "publico">"Contratos informados"</option>
                        <option value="inconsistente" selected=v.lista == "inconsistente">"Información inconsistente"</option>
                    </select>
                </div>
            </div>
            <p><button type="submit" class="boton">"Buscar"</button></p>
        </form>
    }
}

/// One row as a card (13 columns do not fit a phone as a table).
#[component]
fn Fila(f: FilaPublica) -> impl IntoView {
    let sin_contrato = f.contratante.is_empty();
    view! {
        <li class="tarjeta listado__fila" data-testid="fila-listado">
            <p class="tarjeta__titulo">{f.contratista.clone()}</p>
            <p class="texto-suave">{format!("Persona {}", f.persona_contratista.to_lowercase())}</p>
            {f.inconsistencia.clone().map(|i| view! { <p class="listado__inconsistencia"><strong>"Inconsistencia: "</strong>{i}</p> })}
            {if sin_contrato {
                view! { <p>"Sin contratos en el periodo."</p> }.into_any()
            } else {
                view! {
                    <p><strong>"Contratante: "</strong>{f.contratante.clone()}{format!(" (persona {})", f.persona_contratante.to_lowercase())}</p>
                    <p><strong>"Servicio: "</strong>{f.servicio.clone()}</p>
                    <p>
                        <strong>"Vigencia: "</strong>{f.inicio.clone()}
                        {if f.termino.is_empty() { " – sin fecha de término".to_string() } else { format!(" – {}", f.termino) }}
                    </p>
                    <p><strong>"Trabajadores: "</strong>{f.trabajadores.unwrap_or(0)}</p>
                }.into_any()
            }}
            <p class="texto-suave">
                {format!("{} · folio {} · presentada el {}", f.tipo, f.folio, f.presentada)}
            </p>
        </li>
    }
}

fn filas(n: u64) -> String {
    if n == 1 {
        "1 fila".to_string()
    } else {
        format!("{} filas", miles(n))
    }
}

fn cuantas(total: u64, q: &str) -> String {
    let base = if total == 1 {
        "1 resultado".to_string()
    } else {
        format!("{} resultados", miles(total))
    };
    if q.is_empty() {
        base
    } else {
        format!("{base} para «{q}»")
    }
}

/// Percent-encodes a query value.
fn codificar(texto: &str) -> String {
    let mut s = String::new();
    for b in texto.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_query_values_are_written_for_mexico_and_urls() {
        assert_eq!(cuantas(356_095, ""), "356,095 resultados");
        assert_eq!(codificar("H&E Ñ"), "H%26E%20%C3%91");
        assert_eq!(filas(1), "1 fila");
        assert_eq!(cuantas(2, "kemper"), "2 resultados para «kemper»");
    }
}
