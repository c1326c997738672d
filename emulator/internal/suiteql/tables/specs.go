package tables

// Column lists of the tables (parseSpec's form): the union of the public
// sources' columns for each table, and of the columns the real queries of
// the test corpus read. A column the emulator keeps no data for is NULL
// ('F' for a flag).
//
// Sources, cited per list as S1..S11:
//
//	S1  github.com/fivetran/dbt_netsuite_source @8b666e7 macros/get_*_columns.sql,
//	    models/netsuite2/src_netsuite2.yml, integration_tests/seeds/netsuite2_*_data.csv
//	S2  github.com/futuri-pro/tap-suiteql @4887f58 tap_suiteql/streams.py
//	S3  github.com/hotgluexyz/tap-netsuite-rest @e73a10b tap_netsuite_rest/streams.py
//	S4  Oracle NetSuite Help, SuiteQL pages: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156257790831.html
//	S5  Tim Dietrich's SuiteQL Query Library (github.com/GSpo7/suiteql-sql-library @50fbc43)
//	S6  github.com/lumapps/tap-netsuitesuiteql @8e54840 streams.py
//	S7  github.com/salto-io/salto packages/netsuite-adapter (changes_detector, suiteapp_client)
//	S8  github.com/airbytehq/airbyte source-netsuite/source_netsuite/constraints.py
//	S11 github.com/tpsteiner/Some-SuiteQL-Queries @9e5d51e; github.com/KaiTech-git/SuiteQL-query @0ae62ed

// transactionSpec: S1, S2, S3, S5, S6, S8.
const transactionSpec = `id:i tranid:s transactionnumber:s type:s recordtype:s abbrevtype:s customtype:i
trandate:d createddate:t createddatetime:t lastmodifieddate:t lastmodifiedby:i>employee createdby:i>employee
status:s approvalstatus:i entity:i>entity employee:i>employee postingperiod:i>accountingperiod posting:b
currency:i>currency exchangerate:f foreigntotal:f foreignamountpaid:f foreignamountunpaid:f
foreignpaymentamountused:f foreignpaymentamountunused:f duedate:d closedate:d shipdate:d startdate:d enddate:d
actualshipdate:d expectedclosedate:d reversaldate:d nextbilldate:d memo:s otherrefnum:s shippingaddress:i
billingaddress:i terms:i>term nexus:i tosubsidiary:i>subsidiary isreversal:b reversal:i>transaction
reversaldefer:b intercoadj:b void:b voided:b journaltype:s externalid:s email:s trandisplayname:s
shipcarrier:s trackingnumberlist:s daysopen:i daysoverduesearch:i number:i actualproductionstartdate:d
actualproductionenddate:d accountbasednumber:s actionitem:i altsalestotal:f balsegstatus:s billingstatus:b
bulkprocsubmission:i buyingreason:i buyingtimeframe:i entitystatus:i estgrossprofit:f
estgrossprofitpercent:f estimatedbudget:f fax:s firmed:b fulfillmenttype:s fxaltsalestotal:f
fxnetaltsalestotal:f includeinforecast:b incoterm:i intercostatus:i intercotransaction:i>transaction
isbudgetapproved:b isfinchrg:b leadsource:i memdoc:i message:s netaltsalestotal:f nextapprover:i>employee
opportunity:i>transaction ordpicked:b ordreceived:b partner:i paymenthold:b paymentmethod:i
paymentoption:i printedpickingticket:b probability:f projectedtotal:f rangehigh:f rangelow:f revision:i
salesreadiness:i shipcomplete:b source:s title:s totalcostestimate:f tranisvsoebundle:b
typebaseddocumentnumber:s userevenuearrangement:b visibletocustomer:b website:i weightedtotal:f
winlossreason:i subsidiary:i>subsidiary department:i>department location:i>location class:i>classification
salesrep:i>employee createdfrom:i>transaction`

// transactionLineSpec: S1, S2, S3, S5, S6, S8.
const transactionLineSpec = `transaction:i>transaction id:i linesequencenumber:i uniquekey:i mainline:b taxline:b
accountinglinetype:s hascostline:b transactionlinetype:s item:i>item itemtype:s quantity:f
quantitycommitted:f quantityshiprecv:f quantitybilled:f quantitybackordered:f quantityrejected:f
quantitypicked:f quantitypacked:f rate:f rateamount:f ratepercent:f netamount:f foreignamount:f
creditforeignamount:f debitforeignamount:f foreignamountpaid:f foreignamountunpaid:f
foreignpaymentamountused:f foreignpaymentamountunused:f amount:f account:i>account
expenseaccount:i>account entity:i>entity subsidiary:i>subsidiary department:i>department
location:i>location class:i>classification createdfrom:i>transaction memo:s linelastmodifieddate:t
linecreateddate:t isclosed:b isbillable:b iscogs:b cleared:b commitmentfirm:b eliminate:b
donotdisplayline:b isinventoryaffecting:b isfullyshipped:b isfxvariance:b isrevrectransaction:b
iscustomglline:b kitcomponent:b fulfillable:b hasfulfillableitems:b transactiondiscount:b
matchbilltoreceipt:b processedbyrevcommit:b assemblycomponent:b dropship:b specialorder:b isscrap:b
cleareddate:d actualshipdate:d expectedshipdate:d expectedreceiptdate:d billeddate:d amortizstartdate:d
amortizationenddate:d revrecstartdate:d revrecenddate:d closedate:d price:i units:i revenueelement:i
subscription:i subscriptionline:i amortizationresidual:f amortizationsched:i amountlinked:f
billingschedule:i billvariancestatus:s blandedcost:b bomquantity:f buildvariance:f category:i
chargetype:i commitinventory:i componentyield:f costestimate:f costestimaterate:f costestimatetype:s
createdpo:i>transaction documentnumber:s estgrossprofit:f estgrossprofitpercent:f estimatedamount:f
fxamountlinked:f inventoryreportinglocation:i>location itemsource:s kitmemberof:i
landedcostcategory:i landedcostperline:b needsrevenueelement:b orderpriority:f paymentmethod:i
requestnote:s shipmethod:i transferorderitemlineid:i vsoedelivered:b vsoeisestimate:b
vsoepermitdiscount:s vsoeprice:f vsoesopgroup:s isallocation:b deferrevrec:b revrecschedule:i
quantityallocated:f quantitydemandallocated:f taxamount:f`

// accountingLineSpec: S1, S2, S3, S5, S6.
const accountingLineSpec = `transaction:i>transaction transactionline:i accountingbook:i account:i>account amount:f
netamount:f debit:f credit:f posting:b amountlinked:f amountpaid:f amountunpaid:f paymentamountused:f
paymentamountunused:f exchangerate:f overheadparentitem:i>item processedbyrevcommit:b lastmodifieddate:t
glauditnumber:s glauditnumberdate:d glauditnumbersequence:i glauditnumbersetby:i`

// entitySpec: S1, S2, S5.
const entitySpec = `id:i type:s entityid:s entitytitle:s altname:s firstname:s middlename:s lastname:s salutation:s
title:s email:s altemail:s phone:s altphone:s mobilephone:s homephone:s fax:s comments:s isperson:b
isinactive:b parent:i>entity toplevelparent:i>entity customer:i>customer vendor:i>vendor
employee:i>employee contact:i>contact partner:i project:i group:i othername:i genericresource:i
projecttemplate:i entitynumber:i externalid:s datecreated:t lastmodifieddate:t laborcost:f fullname:s
companyname:s subsidiary:i>subsidiary`

// customerSpec: S1, S2, S5, S6, S8, and the corpus.
const customerSpec = `id:i entityid:s companyname:s altname:s isperson:b firstname:s middlename:s lastname:s
salutation:s title:s email:s altemail:s phone:s altphone:s mobilephone:s homephone:s fax:s url:s
comments:s isinactive:b parent:i>customer entitystatus:i searchstage:s salesrep:i>employee partner:i
terms:i>term currency:i>currency pricelevel:i receivablesaccount:i>account defaultbillingaddress:i
defaultshippingaddress:i representingsubsidiary:i>subsidiary creditlimit:f oncredithold:s
balancesearch:f overduebalancesearch:f unbilledorderssearch:f consolbalancesearch:f
depositbalancesearch:f datecreated:t lastmodifieddate:t firstorderdate:d lastorderdate:d
firstsaledate:d lastsaledate:d startdate:d enddate:d dateclosed:t category:i externalid:s
accountnumber:s alcoholrecipienttype:s billingratecard:i buyingreason:i buyingtimeframe:i
campaignevent:i contact:i>contact contactlist:s creditholdoverride:s defaultbankaccount:i>account
defaultorderpriority:f draccount:i>account duplicate:b emailpreference:s emailtransactions:b
entitynumber:i entitytitle:s estimatedbudget:f faxtransactions:b globalsubscriptionstatus:i
isautogeneratedrepresentingentity:b isbudgetapproved:b language:s leadsource:i
negativenumberformat:s numberformat:s prefccprocessor:i printoncheckas:s printtransactions:b
probability:f reminderdays:i resalenumber:s salesreadiness:i shipcomplete:b shippingcarrier:s
shippingitem:i territory:i thirdpartyacct:s thirdpartycarrier:s thirdpartycountry:s
thirdpartyzipcode:s subsidiary:i>subsidiary`

// vendorSpec: S1, S5, S11.
const vendorSpec = `id:i entityid:s companyname:s altname:s legalname:s isperson:b firstname:s middlename:s
lastname:s salutation:s title:s email:s altemail:s phone:s altphone:s mobilephone:s homephone:s fax:s
url:s comments:s category:i currency:i>currency terms:i>term payablesaccount:i>account
expenseaccount:i>account defaultvendorpaymentaccount:i>account defaultbillingaddress:i
defaultshippingaddress:i creditlimit:f isinactive:b isjobresourcevend:b giveaccess:b billpay:b
emailtransactions:b faxtransactions:b printtransactions:b emailpreference:s printoncheckas:s
incoterm:i laborcost:f timeapprover:i>employee workcalendar:i subsidiaryedition:s rolesforsearch:s
representingsubsidiary:i>subsidiary purchaseorderamount:f purchaseorderquantity:f
purchaseorderquantitydiff:f receiptamount:f receiptquantity:f receiptquantitydiff:f accountnumber:s
entitynumber:i entitytitle:s externalid:s datecreated:t lastmodifieddate:t subsidiary:i>subsidiary`

// employeeSpec: S1, S4, S5.
const employeeSpec = `id:i entityid:s firstname:s middlename:s lastname:s title:s email:s phone:s
supervisor:i>employee department:i>department subsidiary:i>subsidiary location:i>location
currency:i>currency isinactive:b giveaccess:b issalesrep:b issupportrep:b expenselimit:f
approvallimit:f purchaseorderlimit:f purchaseorderapprovallimit:f datecreated:t lastmodifieddate:t
externalid:s hiredate:d releasedate:d entitytitle:s`

// contactSpec: no source lists contact's columns; modelled on the person
// columns of entity (Assumption).
const contactSpec = `id:i entityid:s firstname:s middlename:s lastname:s salutation:s title:s email:s altemail:s
phone:s mobilephone:s homephone:s officephone:s fax:s company:i>entity subsidiary:i>subsidiary
isinactive:b isprivate:b comments:s datecreated:t lastmodifieddate:t externalid:s entitytitle:s`

// itemSpec: S1, S2, S3, S5, S8.
const itemSpec = `id:i itemid:s fullname:s displayname:s description:s purchasedescription:s
stockdescription:s itemtype:s subtype:s parent:i>item matrixtype:s isinactive:b isserialitem:b
islotitem:b isonline:b isfulfillable:b class:i>classification department:i>department
location:i>location subsidiary:s includechildren:b incomeaccount:i>account expenseaccount:i>account
assetaccount:i>account gainlossaccount:i>account deferralaccount:i>account
deferredrevenueaccount:i>account intercoincomeaccount:i>account intercoexpenseaccount:i>account
cogsaccount:i>account cost:f averagecost:f lastpurchaseprice:f quantityonhand:f quantityavailable:f
quantitycommitted:f quantityonorder:f quantitybackordered:f reorderpoint:f preferredstocklevel:f
leadtime:i totalquantityonhand:f weight:f weightunit:s createddate:t lastmodifieddate:t externalid:s
vendorname:s mpn:s manufacturer:s upccode:s salesdescription:s`

// accountSpec: S1, S2, S3, S11.
const accountSpec = `id:i acctnumber:s acctname:s fullname:s accountsearchdisplayname:s
accountsearchdisplaynamecopy:s displaynamewithhierarchy:s description:s accttype:s parent:i>account
issummary:b isinactive:b currency:i>currency subsidiary:s includechildren:b eliminate:b revalue:b
inventory:b reconcilewithmatching:b generalrate:s cashflowrate:s sspecacct:s deferralacct:i>account
billableexpensesacct:i>account category1099misc:i class:i>classification department:i>department
location:i>location externalid:s lastmodifieddate:t`

// subsidiarySpec: S1, S2.
const subsidiarySpec = `id:i name:s fullname:s legalname:s parent:i>subsidiary currency:i>currency country:s state:s
dropdownstate:s fiscalcalendar:i iselimination:b isinactive:b mainaddress:i returnaddress:i
shippingaddress:i representingcustomer:i>customer representingvendor:i>vendor email:s fax:s url:s
federalidnumber:s ssnortin:s state1taxnumber:s tranprefix:s edition:s languagelocale:s
purchaseorderamount:f purchaseorderquantity:f purchaseorderquantitydiff:f receiptamount:f
receiptquantity:f receiptquantitydiff:f showsubsidiaryname:s glimpactlocking:s externalid:s
lastmodifieddate:t`

// departmentSpec and classificationSpec: S1, S2.
const departmentSpec = `id:i name:s fullname:s parent:i>department subsidiary:s includechildren:b isinactive:b
externalid:s lastmodifieddate:t`

const classificationSpec = `id:i name:s fullname:s parent:i>classification subsidiary:s includechildren:b
isinactive:b externalid:s lastmodifieddate:t`

// locationSpec: S1, S2.
const locationSpec = `id:i name:s fullname:s parent:i>location subsidiary:s mainaddress:i returnaddress:i
locationtype:i latitude:f longitude:f tranprefix:s makeinventoryavailable:b
makeinventoryavailablestore:b includeinsupplyplanning:b usebins:b defaultallocationpriority:f
includechildren:b isinactive:b externalid:s lastmodifieddate:t`

// currencySpec: S1, S2, S5.
const currencySpec = `id:i name:s symbol:s displaysymbol:s symbolplacement:i currencyprecision:i exchangerate:f
isbasecurrency:b isinactive:b includeinfxrateupdates:b overridecurrencyformat:b fxrateupdatetimezone:i
externalid:s lastmodifieddate:t`

// termSpec: the SOAP term record's fields, lower-cased (S3 reads term on
// lastmodifieddate; no SuiteQL list was found: Assumption).
const termSpec = `id:i name:s daysuntilnetdue:i discountpercent:f daysuntilexpiry:i duenextmonthifwithindays:i
dayofmonthnetdue:i datedriven:b installment:b preferred:b isinactive:b externalid:s lastmodifieddate:t`

// customRecordSpec: S2, S3, S6, S7.
const customRecordSpec = `id:i scriptid:s name:s recordid:i isinactive:b owner:i>employee parent:i externalid:s
created:t lastmodified:t lastmodifiedby:i>employee`
