package org.confer.results;

/** Result test data other packages' tests use too (the IDOR sweep makes a result with it). */
public final class ResultFixtures {
    private ResultFixtures() {}

    /** A FHIR R4 DiagnosticReport: serum potassium 5.8 mmol/L (H), ordered by the GMC number given, for the NHS number given. */
    public static String diagnosticReport(String identifier, String gmc, String nhs) {
        return """
                {"resourceType":"DiagnosticReport",
                 "identifier":[{"system":"https://pathology.example.nhs.uk/report","value":"%s"}],
                 "status":"final",
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"1000651000000109","display":"Serum potassium level"}],"text":"Potassium"},
                 "subject":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"},"display":"SMITH, John"},
                 "issued":"2026-12-07T10:00:00Z",
                 "basedOn":[{"reference":"#order"}],
                 "contained":[
                   {"resourceType":"ServiceRequest","id":"order","status":"active","intent":"order",
                    "subject":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}},
                    "requester":{"identifier":{"system":"https://fhir.hl7.org.uk/Id/gmc-number","value":"%s"},"display":"Dr Anna Jones"}},
                   {"resourceType":"Observation","id":"k","status":"final",
                    "code":{"coding":[{"system":"http://snomed.info/sct","code":"1000651000000109","display":"Serum potassium level"}]},
                    "subject":{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}},
                    "valueQuantity":{"value":5.8,"unit":"mmol/L","system":"http://unitsofmeasure.org","code":"mmol/L"},
                    "interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"H"}]}],
                    "referenceRange":[{"low":{"value":3.5,"unit":"mmol/L"},"high":{"value":5.3,"unit":"mmol/L"}}]}],
                 "result":[{"reference":"#k"}]}
                """.formatted(identifier, nhs, nhs, gmc, nhs);
    }
}
