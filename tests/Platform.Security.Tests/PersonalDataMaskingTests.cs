using Platform.Authorization;

namespace Platform.Security.Tests;

/// <summary>What a role that sees masked data reads of what people typed: numbers to call and ID numbers hidden, the rest intact.</summary>
public sealed class PersonalDataMaskingTests
{
    [Theory]
    [InlineData("请联系13912345678，下午在家", "请联系139****5678，下午在家")]
    [InlineData("电话 139 1234 5678", "电话 139****5678")]
    [InlineData("座机010-63451234转物业", "座机010****1234转物业")]
    [InlineData("+8613912345678", "+86****5678")]
    [InlineData("身份证110101199003071234", "身份证110***********1234")]
    [InlineData("旧身份证110101900307123", "旧身份证110********7123")]
    public void Numbers_to_call_and_ID_numbers_are_masked(string typed, string masked) =>
        Assert.Equal(masked, PersonalData.MaskInText(typed));

    [Theory]
    [InlineData("2026-12-05 下午三点后在家")]
    [InlineData("20261205 前完成清掏")]
    [InlineData("3号楼2单元502室，共18户")]
    [InlineData("已疏通管道 120 米")]
    [InlineData("费用 ¥20000")]
    public void Dates_addresses_and_amounts_are_left_alone(string typed) => Assert.Equal(typed, PersonalData.MaskInText(typed));

    [Fact]
    public void Masked_text_masks_nothing_twice() =>
        Assert.Equal("139****5678", PersonalData.MaskInText(PersonalData.MaskInText("13912345678")));
}
