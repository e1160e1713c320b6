using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Kernel.Time;

namespace Platform.Gateway.Insights.Reports;

/// <summary>
/// The report as an Excel workbook (Open XML SDK, MIT): a sheet of the five lists' figures, one of the streets or
/// communities, one of the departments' scores and one of the notable cases. Figures are numbers, not text, so the
/// office that receives it can add them up.
/// </summary>
public static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint Bold = 1;
    private const uint Percentage = 2;

    public static byte[] Write(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();

            List<Cell[]> summary =
            [
                [Text(report.Title, Bold)],
                [Text($"统计月份：{MonthlyReport.MonthName(report.Period)}"), Text($"编制时间：{DistrictTime.Format(report.GeneratedAt)}")],
                [],
                [Text("清单", Bold), Text("项目", Bold), Text("数量", Bold), Text("单位", Bold), Text("口径", Bold)],
            ];
            foreach (var section in report.Sections)
                foreach (var figure in section.Figures)
                    summary.Add([Text(section.Title), Text(figure.Label), Number(figure.Value), Text(figure.Unit), Text(section.AsOfNow ? "截至编制时" : "本月")]);
            AddSheet(workbook, "五张清单", summary, [14, 24, 10, 6, 12]);

            List<Cell[]> places = [[Text(report.IsDistrict ? "街道" : "社区", Bold), .. report.PlaceColumns.Select(column => Text(column, Bold)), Text("需关注", Bold)]];
            places.AddRange(report.Places.Select(row => (Cell[])[Text(row.Name), .. row.Values.Select(Number), Text(string.Join("；", row.Attention))]));
            AddSheet(workbook, report.IsDistrict ? "各街道" : "各社区", places, [16, .. report.PlaceColumns.Select(_ => 11d), 40]);

            List<Cell[]> departments =
            [
                [Text("排名", Bold), Text("部门", Bold), Text("派单", Bold), Text("响应率", Bold), Text("解决率", Bold), Text("满意率", Bold), Text("按时反馈率", Bold), Text("综合得分", Bold)],
            ];
            departments.AddRange(report.Departments.Select(department => new[]
            {
                department.Rank is { } rank ? Number(rank) : Text("不排名"), Text(department.DepartmentName), Number(department.Dispatched),
                Rate(department.ResponseRate), Rate(department.ResolutionRate), Rate(department.SatisfactionRate), Rate(department.OnTimeRate),
                department.Score is { } score ? Number((decimal)Math.Round(score, 1)) : Text("—"),
            }));
            AddSheet(workbook, "部门考评", departments, [8, 24, 8, 10, 10, 10, 12, 10]);

            List<Cell[]> cases = [[Text("类别", Bold), Text("事项", Bold), Text("社区", Bold), Text("牵头部门或类别", Bold), Text("状态", Bold), Text("时间", Bold)]];
            cases.AddRange(report.OverdueCases.Select(item => Case("超时未办结的吹哨", item)));
            cases.AddRange(report.WhistledNeeds.Select(item => Case("本月吹哨报到的需求", item)));
            cases.Add([]);
            cases.Add([Text($"超时未办结的吹哨共 {report.OverdueCasesTotal} 件，本月吹哨报到的需求共 {report.WhistledNeedsTotal} 条；各列前 {MonthlyReports.NotableCases} 件。")]);
            AddSheet(workbook, "重点案件", cases, [18, 36, 14, 20, 12, 18]);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Cell[] Case(string kind, NotableCase item) => [Text(kind), Text(item.Title), Text(item.Community), Text(item.Detail), Text(item.Status), Text(item.When)];

    private static void AddSheet(WorkbookPart workbook, string name, IReadOnlyList<Cell[]> rows, IReadOnlyList<double> widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var index = 0; index < rows.Count; index++)
        {
            var row = new Row { RowIndex = (uint)index + 1 };
            for (var column = 0; column < rows[index].Length; column++)
            {
                rows[index][column].CellReference = $"{ColumnName(column)}{index + 1}";
                row.Append(rows[index][column]);
            }
            data.Append(row);
        }
        var columns = new Columns(widths.Select((width, index) => new Column
        {
            Min = (uint)index + 1, Max = (uint)index + 1, Width = width, CustomWidth = true,
        }));
        part.Worksheet = new Worksheet(columns, data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + index / 26 - 1)}{(char)('A' + index % 26)}";

    private static Cell Text(string text, uint style = 0) => new(new InlineString(new Text(text))) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(decimal value) => new(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number };

    private static Cell Number(int value) => Number((decimal)value);

    private static Cell Rate(double? rate)
    {
        if (rate is not { } value) return Text("—");
        var cell = Number((decimal)Math.Round(value, 4));
        cell.StyleIndex = Percentage;
        return cell;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true },
            // 10 is Excel's built-in "0.00%".
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }));
}
