using System.Text.Json;

namespace Itsm.Core.Reporting;

/// <summary>The service requests of a report in its JSON and CSV documents.</summary>
public static partial class ServiceReportFormat
{
    /// <summary>
    /// The month's <c>requests</c>: counted by their events' instants, those submitted also by priority (<c>byPriority</c>, as the incidents), with attainment (null when none was fulfilled) and the mean
    /// fulfilment time in seconds of business time on the request items' service calendars (null likewise).
    /// </summary>
    private static void WriteRequests(Utf8JsonWriter json, ServiceReportRequests requests)
    {
        json.WriteStartObject("requests");
        json.WriteNumber("submitted", requests.Submitted);
        WriteByPriority(json, requests.SubmittedByPriority);
        json.WriteNumber("fulfilled", requests.Fulfilled);
        json.WriteNumber("closed", requests.Closed);
        json.WriteNumber("rejected", requests.Rejected);
        json.WriteNumber("cancelled", requests.Cancelled);
        json.WriteNumber("met", requests.Met);
        json.WriteNumber("breached", requests.Breached);
        WriteNullable(json, "attainment", Round(requests.Attainment));
        WriteNullable(json, "meanFulfilmentSeconds", Seconds(requests.MeanFulfilmentTime));
        json.WriteEndObject();
    }

    /// <summary>The CSV fields of <paramref name="requests"/>, in the order of the <c>requests_*</c> and <c>request_*</c> columns.</summary>
    private static string?[] RequestFields(ServiceReportRequests requests) =>
    [
        Number(requests.Submitted), ByPriority(requests.SubmittedByPriority), Number(requests.Fulfilled), Number(requests.Closed), Number(requests.Rejected), Number(requests.Cancelled),
        Number(requests.Met), Number(requests.Breached), Decimal(requests.Attainment), Decimal(Seconds(requests.MeanFulfilmentTime)),
    ];
}
