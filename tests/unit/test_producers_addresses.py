import pytest

from producers.addresses import resolve, resolve_line, split_address


@pytest.mark.parametrize(
    "typed",
    [
        "ต.บ้านกลาง อ.เมือง จ.ลำพูน",
        "ตำบลบ้านกลาง อำเภอเมืองลำพูน จังหวัดลำพูน",
        "ต. บ้านกลาง   อ. เมือง   จ. ลำพูน  51000",
        "45 หมู่ 3 ต.บ้านกลาง อ.เมืองลำพูน จ.ลำพูน",
        "ต.บ้านกลาง อ.เมือง ลำพูน",
        "ต.บ้านกลาง อ.เมือง 51000",
    ],
)
def test_hand_typed_lamphun_addresses_resolve_to_ban_klang(typed):
    assert resolve_line(typed).code == "510112"


def test_bangkok_addresses_use_khwaeng_and_khet():
    assert resolve_line("แขวงบางรัก เขตบางรัก กรุงเทพฯ 10500").code == "100404"
    assert resolve_line("แขวงบางรัก เขตบางรัก กทม.").code == "100404"


def test_the_line_is_split_at_its_prefixes():
    assert split_address("ตำบลท่ายาง อำเภอท่ายาง จังหวัดเพชรบุรี 76130") == {
        "subdistrict": "ท่ายาง",
        "district": "ท่ายาง",
        "province": "เพชรบุรี",
        "postal_code": "76130",
    }


def test_an_ambiguous_address_is_an_error_naming_the_candidates_not_a_guess():
    result = resolve_line("ต.บ้านกลาง อ.เมือง")
    assert result.code is None
    assert result.candidates == ["130103", "480109", "510112"]
    assert "510112" in result.error and "ลำพูน" in result.error


def test_a_subdistrict_that_is_not_in_the_district_given_is_refused_with_the_real_ones():
    # Mueang Chiang Mai has no ในเมือง; 22 other districts do.
    result = resolve_line("ตำบลในเมือง อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่")
    assert result.code is None
    assert len(result.candidates) > 10
    assert "501" not in "".join(c[:3] for c in result.candidates)


def test_an_unknown_name_is_an_error():
    assert resolve("บ้านที่ไม่มีจริง", "เมือง", "ลำพูน").error
    assert resolve_line("บ้านที่ไม่มีจริง ลำพูน").error


def test_english_names_are_understood():
    assert resolve("Ban Klang", province="Lamphun").code == "510112"
