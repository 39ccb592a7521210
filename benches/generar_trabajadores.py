#!/usr/bin/env python3
"""Writes a worker CSV of N valid, distinct rows (NSS, CURP, SBC) for benchmarks and load tests.

    python3 benches/generar_trabajadores.py 1000000 > /tmp/trabajadores-1m.csv
    python3 benches/generar_trabajadores.py 1000000 azar > /tmp/trabajadores-1m-azar.csv

Rows come in NSS order unless `azar` is given: then in a shuffled order (fixed seed), as a file
sorted by name or employee number would arrive.

Deterministic: the same N always gives the same bytes. Values are synthetic (valid check digits,
second CURP letter X so no "palabra inconveniente" can appear), not real people. SBC values lie
between the 2026 minimum wage and 25 UMA.
"""
import random
import sys

VALORES = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"
LETRAS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CONSONANTES = "BCDFGHJKLMNPQRSTVWXYZ"  # CURP positions 14-16 are inner consonants (RENAPO)
ESTADOS = ["AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
           "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS"]
DIAS_MES = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def luhn(diez):
    suma = 0
    for i, c in enumerate(diez):
        d = ord(c) - 48
        p = d if i % 2 == 0 else d * 2
        suma += p // 10 + p % 10
    return str((10 - suma % 10) % 10)


def digito_curp(diecisiete):
    suma = sum(VALORES.index(c) * (18 - i) for i, c in enumerate(diecisiete))
    return str((10 - suma % 10) % 10)


def fecha(n):
    """The n-th day (0-based) of 1960–1999, as YYMMDD, skipping 29 February."""
    anio = 60 + (n // 365) % 40
    dia = n % 365
    mes = 0
    while dia >= DIAS_MES[mes]:
        dia -= DIAS_MES[mes]
        mes += 1
    return f"{anio:02d}{mes + 1:02d}{dia + 1:02d}"


def fila(i):
    diez = f"{i + 1:010d}"
    nss = diez + luhn(diez)
    a, b, c = LETRAS[i % 26], LETRAS[(i // 26) % 26], LETRAS[(i // 676) % 26]
    resto = i // 17576
    curp17 = (a + "X" + b + c + fecha(resto) + "HM"[i % 2] + ESTADOS[i % 32]
              + CONSONANTES[(i * 7) % 21] + CONSONANTES[(i * 11) % 21] + CONSONANTES[(i * 13) % 21]
              + str(i % 10))
    centavos = 31504 + (i * 7919) % (293275 - 31504)
    return f"{nss},{curp17}{digito_curp(curp17)},{centavos // 100}.{centavos % 100:02d}\n"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    orden = list(range(n))
    if len(sys.argv) > 2 and sys.argv[2] == "azar":
        random.Random(15).shuffle(orden)
    salida = sys.stdout
    salida.write("NSS,CURP,SBC\n")
    lote = []
    for i in orden:
        lote.append(fila(i))
        if len(lote) == 10000:
            salida.write("".join(lote))
            lote = []
    salida.write("".join(lote))


if __name__ == "__main__":
    main()
