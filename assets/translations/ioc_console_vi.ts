<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AlertController</name>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="63"/>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="64"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="65"/>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="66"/>
        <source>Speed (km/h)</source>
        <translation>Tốc độ (km/h)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="67"/>
        <source>Limit (km/h)</source>
        <translation>Giới hạn (km/h)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="68"/>
        <source>Parked for (s)</source>
        <translation>Đỗ trong (giây)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="69"/>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="216"/>
        <source>Ignored a malformed alert: %1</source>
        <translation>Đã bỏ qua một cảnh báo sai định dạng: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="334"/>
        <source>Could not %1 alert %2: %3</source>
        <translation>Không thể %1 cảnh báo %2: %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="350"/>
        <source>acknowledge</source>
        <translation>xác nhận</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="351"/>
        <source>dismiss</source>
        <translation>bỏ qua</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="352"/>
        <source>escalate</source>
        <translation>chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="365"/>
        <source>False positives: %1</source>
        <translation>Báo nhầm: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="385"/>
        <source>Confidence</source>
        <translation>Độ tin cậy</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="388"/>
        <source>Repeats</source>
        <translation>Số lần lặp</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="427"/>
        <source>No snapshot</source>
        <translation>Không có ảnh chụp</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="432"/>
        <source>Snapshot unavailable offline</source>
        <translation>Không tải được ảnh khi mất kết nối</translation>
    </message>
</context>
<context>
    <name>AlertDetailWidget</name>
    <message>
        <location filename="../../widgets/alert_detail.py" line="109"/>
        <location filename="../../widgets/alert_detail.py" line="169"/>
        <source>No alert selected</source>
        <translation>Chưa chọn cảnh báo</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="116"/>
        <source>Show camera</source>
        <translation>Xem camera</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="124"/>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="144"/>
        <source>Loading snapshot…</source>
        <translation>Đang tải ảnh chụp…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="159"/>
        <source>Snapshot unreadable</source>
        <translation>Không đọc được ảnh chụp</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="69"/>
        <source>Wrong-way driving</source>
        <translation>Đi ngược chiều</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="70"/>
        <source>Red-light running</source>
        <translation>Vượt đèn đỏ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="71"/>
        <source>No helmet</source>
        <translation>Không đội mũ bảo hiểm</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="72"/>
        <source>Illegal parking</source>
        <translation>Đỗ xe sai quy định</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="73"/>
        <source>Sidewalk encroachment</source>
        <translation>Lấn chiếm vỉa hè</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="74"/>
        <source>Street vending</source>
        <translation>Buôn bán hàng rong</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="75"/>
        <source>Littering</source>
        <translation>Xả rác</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="76"/>
        <source>Crowding</source>
        <translation>Tụ tập đông người</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="77"/>
        <source>Smoke / fire</source>
        <translation>Khói / cháy</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="78"/>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="79"/>
        <source>Flooding</source>
        <translation>Ngập lụt</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="80"/>
        <source>Intrusion</source>
        <translation>Xâm nhập</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="81"/>
        <source>Lane violation</source>
        <translation>Đi sai làn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="82"/>
        <source>Speeding</source>
        <translation>Quá tốc độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="83"/>
        <source>Traffic jam</source>
        <translation>Ùn tắc giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="84"/>
        <source>Accident</source>
        <translation>Tai nạn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="85"/>
        <source>Fallen tree</source>
        <translation>Cây đổ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="86"/>
        <source>Loitering</source>
        <translation>Lảng vảng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="87"/>
        <source>Low</source>
        <translation>Thấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="88"/>
        <source>Medium</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="89"/>
        <source>High</source>
        <translation>Cao</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="90"/>
        <source>Critical</source>
        <translation>Khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="91"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="92"/>
        <source>Acknowledged</source>
        <translation>Đã xác nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="93"/>
        <source>Dismissed</source>
        <translation>Đã bỏ qua</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="94"/>
        <source>Escalated</source>
        <translation>Đã chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="96"/>
        <source>False positive</source>
        <translation>Báo nhầm</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="97"/>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="98"/>
        <source>Already handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="99"/>
        <source>No action needed</source>
        <translation>Không cần xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="247"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="248"/>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="249"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="250"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="251"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="252"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="253"/>
        <source>Owner</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="254"/>
        <source>Count</source>
        <translation>Số lần</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="256"/>
        <source>%1 (pending)</source>
        <translation>%1 (đang chờ gửi)</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="654"/>
        <source>%1 alerts, last at %2</source>
        <translation>%1 cảnh báo, lần cuối lúc %2</translation>
    </message>
</context>
<context>
    <name>AlertTableWidget</name>
    <message>
        <location filename="../../widgets/alert_table.py" line="219"/>
        <source>Filter alerts (type, camera, ward, state)…</source>
        <translation>Lọc cảnh báo (loại, camera, phường, trạng thái)…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="221"/>
        <source>Filter (F)</source>
        <translation>Lọc (F)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="222"/>
        <source>All types</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="223"/>
        <source>All severities</source>
        <translation>Mọi mức độ</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="224"/>
        <source>All wards</source>
        <translation>Mọi phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="225"/>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="228"/>
        <source>Acknowledge</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="229"/>
        <source>Acknowledge the selected alerts (A)</source>
        <translation>Xác nhận các cảnh báo đã chọn (A)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="230"/>
        <source>Dismiss…</source>
        <translation>Bỏ qua…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="231"/>
        <source>Dismiss the selected alerts with a reason (D)</source>
        <translation>Bỏ qua các cảnh báo đã chọn kèm lý do (D)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="232"/>
        <source>Escalate</source>
        <translation>Chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="233"/>
        <source>Escalate the selected alerts to incidents (E)</source>
        <translation>Chuyển các cảnh báo đã chọn thành sự vụ (E)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="238"/>
        <source>False positive</source>
        <translation>Báo nhầm</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="239"/>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="240"/>
        <source>Already handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="241"/>
        <source>No action needed</source>
        <translation>Không cần xử lý</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/alert_table.py" line="437"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n cảnh báo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CameraTreeWidget</name>
    <message>
        <location filename="../../widgets/camera_tree.py" line="22"/>
        <source>Search cameras or wards…</source>
        <translation>Tìm camera hoặc phường…</translation>
    </message>
</context>
<context>
    <name>CityMapWidget</name>
    <message>
        <location filename="../../widgets/city_map.py" line="276"/>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="277"/>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="278"/>
        <source>Incidents</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="279"/>
        <source>Sensors</source>
        <translation>Cảm biến</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="292"/>
        <source>Whole city</source>
        <translation>Toàn thành phố</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="366"/>
        <source>Demo map data: approximate ward shapes, not official boundaries.</source>
        <translation>Dữ liệu bản đồ minh họa: ranh giới phường/xã gần đúng, không phải ranh giới chính thức.</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="431"/>
        <source>%1 cameras · %2 alerts · %3 incidents</source>
        <translation>%1 camera · %2 cảnh báo · %3 sự cố</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <location filename="../../console/app.py" line="135"/>
        <source>Cannot reach the backend at %1</source>
        <translation>Không kết nối được máy chủ %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="220"/>
        <source>The saved wall layout is invalid (%1); showing the default layout.</source>
        <translation>Bố cục tường video đã lưu không hợp lệ (%1); đang dùng bố cục mặc định.</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="233"/>
        <source>Incidents not loaded: %1</source>
        <translation>Chưa tải được danh sách sự cố: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="278"/>
        <source>Normal operations</source>
        <translation>Vận hành thường ngày</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="329"/>
        <location filename="../../console/app.py" line="502"/>
        <source>Layout not applied: %1</source>
        <translation>Không áp dụng bố cục: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="395"/>
        <source>Click the incident&apos;s place on the map</source>
        <translation>Nhấp vào vị trí của sự cố trên bản đồ</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="405"/>
        <source>Snapshot saved: %1</source>
        <translation>Đã lưu ảnh chụp: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="520"/>
        <source>Could not push the layout: %1</source>
        <translation>Không thể đẩy bố cục: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="525"/>
        <source>Layout %1 pushed to the walls</source>
        <translation>Đã đẩy bố cục %1 lên các màn hình tường</translation>
    </message>
</context>
<context>
    <name>EvidenceController</name>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="141"/>
        <source>Evidence search</source>
        <translation>Tra cứu chứng cứ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="176"/>
        <source>Searching…</source>
        <translation>Đang tìm kiếm…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="180"/>
        <location filename="../../console/controllers/evidence_controller.py" line="199"/>
        <source>Search failed: %1</source>
        <translation>Tìm kiếm thất bại: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="184"/>
        <source>%1 events found</source>
        <translation>Tìm thấy %1 sự kiện</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="186"/>
        <source>(scroll for more)</source>
        <translation>(cuộn xuống để xem thêm)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="188"/>
        <source>Nothing found</source>
        <translation>Không tìm thấy kết quả</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="234"/>
        <source>Building the evidence package…</source>
        <translation>Đang tạo gói chứng cứ…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="243"/>
        <source>Downloading the evidence package…</source>
        <translation>Đang tải gói chứng cứ…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="249"/>
        <source>Export failed: %1</source>
        <translation>Xuất thất bại: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="265"/>
        <source>Verifying %1…</source>
        <translation>Đang kiểm tra %1…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="269"/>
        <source>Verified: signature valid, all %1 files match the manifest.</source>
        <translation>Đã xác minh: chữ ký hợp lệ, cả %1 tệp khớp với bản kê.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="273"/>
        <source>Saved to %1.</source>
        <translation>Đã lưu vào %1.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="276"/>
        <source>NOT verified: %1</source>
        <translation>KHÔNG xác minh được: %1</translation>
    </message>
</context>
<context>
    <name>EvidenceSearchWidget</name>
    <message>
        <location filename="../../widgets/evidence_search.py" line="49"/>
        <source>e.g. HS-2026-0815</source>
        <translation>ví dụ HS-2026-0815</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="51"/>
        <source>Why you need this evidence</source>
        <translation>Lý do cần chứng cứ này</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="61"/>
        <source>Any part, e.g. 123.4</source>
        <translation>Một phần biển số, ví dụ 123.4</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="67"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="73"/>
        <source>Case number</source>
        <translation>Số hồ sơ vụ việc</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="74"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="79"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="80"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="81"/>
        <source>Analytics</source>
        <translation>Loại phân tích</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="82"/>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="86"/>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="101"/>
        <source> s before and after</source>
        <translation> giây trước và sau</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="102"/>
        <source>Export selected…</source>
        <translation>Xuất mục đã chọn…</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="104"/>
        <source>Verify package…</source>
        <translation>Kiểm tra gói…</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="137"/>
        <source>All cameras</source>
        <translation>Tất cả camera</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="141"/>
        <source>All analytics</source>
        <translation>Tất cả loại phân tích</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="194"/>
        <source>Enter the case number and the reason first.</source>
        <translation>Hãy nhập số hồ sơ và lý do trước.</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="207"/>
        <source>Select the events to export first.</source>
        <translation>Hãy chọn các sự kiện cần xuất trước.</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="213"/>
        <source>Verify evidence package</source>
        <translation>Kiểm tra gói chứng cứ</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="213"/>
        <source>Evidence packages (*.zip)</source>
        <translation>Gói chứng cứ (*.zip)</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="221"/>
        <source>white</source>
        <translation>trắng</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="221"/>
        <source>black</source>
        <translation>đen</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="221"/>
        <source>silver</source>
        <translation>bạc</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="222"/>
        <source>grey</source>
        <translation>xám</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="222"/>
        <source>red</source>
        <translation>đỏ</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="222"/>
        <source>blue</source>
        <translation>xanh dương</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="223"/>
        <source>yellow</source>
        <translation>vàng</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="223"/>
        <source>green</source>
        <translation>xanh lá</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="223"/>
        <source>brown</source>
        <translation>nâu</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="226"/>
        <source>car</source>
        <translation>ô tô</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="226"/>
        <source>motorbike</source>
        <translation>xe máy</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="227"/>
        <source>truck</source>
        <translation>xe tải</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="227"/>
        <source>bus</source>
        <translation>xe buýt</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="229"/>
        <source>Any colour</source>
        <translation>Mọi màu</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="232"/>
        <source>Any vehicle</source>
        <translation>Mọi loại xe</translation>
    </message>
</context>
<context>
    <name>FieldReportInboxWidget</name>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="124"/>
        <source>Create incident</source>
        <translation>Tạo sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="127"/>
        <source>incident #</source>
        <translation>sự cố số</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="128"/>
        <source>Link to incident</source>
        <translation>Gắn vào sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="131"/>
        <source>Answer to the citizen</source>
        <translation>Trả lời người dân</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="132"/>
        <source>Send to citizen</source>
        <translation>Gửi cho người dân</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="137"/>
        <source>Show</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="174"/>
        <source>(status unchanged)</source>
        <translation>(giữ nguyên trạng thái)</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="206"/>
        <source>Type the number of the incident to link to.</source>
        <translation>Nhập số sự cố cần gắn vào.</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="216"/>
        <source>Choose a status or write an answer first.</source>
        <translation>Hãy chọn trạng thái hoặc viết câu trả lời trước.</translation>
    </message>
</context>
<context>
    <name>FieldReportTableModel</name>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="148"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="149"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="150"/>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="151"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="152"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="153"/>
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="154"/>
        <source>Incident</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="155"/>
        <source>Rating</source>
        <translation>Đánh giá</translation>
    </message>
</context>
<context>
    <name>HotlineCallTableModel</name>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="206"/>
        <source>Number</source>
        <translation>Số gọi</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="207"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="208"/>
        <source>Topic</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="209"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="210"/>
        <source>Duration</source>
        <translation>Thời lượng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="211"/>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="212"/>
        <source>Incident</source>
        <translation>Sự cố</translation>
    </message>
</context>
<context>
    <name>HotlineLogWidget</name>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="230"/>
        <source>Create incident from call</source>
        <translation>Tạo sự cố từ cuộc gọi</translation>
    </message>
</context>
<context>
    <name>IncidentBoardModel</name>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="93"/>
        <source>&lt;1 min</source>
        <translation>&lt;1 phút</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="98"/>
        <source>%1 d %2 h</source>
        <translation>%1 ngày %2 giờ</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="104"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="108"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="113"/>
        <source>SLA met</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="115"/>
        <source>SLA missed</source>
        <translation>Trễ hạn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="119"/>
        <source>overdue %1</source>
        <translation>quá hạn %1</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="122"/>
        <source>%1 left</source>
        <translation>còn %1</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="164"/>
        <source>Incident</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="209"/>
        <source>%1 unit(s)</source>
        <translation>%1 lực lượng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="212"/>
        <source>pending sync</source>
        <translation>chờ đồng bộ</translation>
    </message>
</context>
<context>
    <name>IncidentBoardWidget</name>
    <message>
        <location filename="../../widgets/incident_board.py" line="196"/>
        <location filename="../../widgets/incident_board.py" line="284"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="198"/>
        <source>Command support view</source>
        <translation>Chế độ hỗ trợ chỉ huy</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="201"/>
        <source>New incident…</source>
        <translation>Sự cố mới…</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="205"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="207"/>
        <source>Process group</source>
        <translation>Nhóm quy trình</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="209"/>
        <source>Unit</source>
        <translation>Lực lượng</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="228"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="229"/>
        <source>Dispatched</source>
        <translation>Đã điều phối</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="230"/>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="231"/>
        <source>Resolved</source>
        <translation>Đã xử lý xong</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="232"/>
        <source>Closed / cancelled</source>
        <translation>Đã đóng / đã hủy</translation>
    </message>
</context>
<context>
    <name>IncidentController</name>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="397"/>
        <source>To handle</source>
        <translation>Cần xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="398"/>
        <source>All reports</source>
        <translation>Tất cả phản ánh</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="532"/>
        <source>An unfinished incident draft was restored.</source>
        <translation>Đã khôi phục bản nháp sự cố chưa hoàn tất.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="552"/>
        <source>Confidence %1</source>
        <translation>Độ tin cậy %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="566"/>
        <source>From alert #%1 · camera %2 · %3</source>
        <translation>Từ cảnh báo #%1 · camera %2 · %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="572"/>
        <source>Snapshot of alert #%1</source>
        <translation>Ảnh chụp cảnh báo #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="592"/>
        <source>From field report %1 · %2</source>
        <translation>Từ phản ánh %1 · %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="595"/>
        <source>Citizen&apos;s photo</source>
        <translation>Ảnh của người dân</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="608"/>
        <source>%1 — hotline call</source>
        <translation>%1 — cuộc gọi đường dây nóng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="614"/>
        <source>From hotline call #%1 · %2 · %3</source>
        <translation>Từ cuộc gọi #%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="642"/>
        <source>Address: %1</source>
        <translation>Địa chỉ: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="646"/>
        <source>Attachments: %1</source>
        <translation>Tệp đính kèm: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="674"/>
        <source>The backend would refuse this: %1</source>
        <translation>Máy chủ sẽ từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="782"/>
        <source>The backend refused the incident: %1</source>
        <translation>Máy chủ từ chối sự cố: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="784"/>
        <source>Incident not created: %1</source>
        <translation>Chưa tạo được sự cố: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="807"/>
        <source>Incident #%1 created</source>
        <translation>Đã tạo sự cố #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="846"/>
        <source>Change to incident #%1 refused: %2</source>
        <translation>Thay đổi sự cố #%1 bị từ chối: %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="867"/>
        <source>Incident #%1 was changed by someone else: your change was not applied.</source>
        <translation>Sự cố #%1 đã được người khác thay đổi: thay đổi của bạn chưa được áp dụng.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="876"/>
        <source>Incident #%1 was changed by someone else (now version %2). Your change was not applied: compare, then apply it to the current version or discard it.</source>
        <translation>Sự cố #%1 đã được người khác thay đổi (nay là phiên bản %2). Thay đổi của bạn chưa được áp dụng: hãy so sánh, rồi áp dụng lên phiên bản hiện tại hoặc bỏ đi.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="887"/>
        <source>Last change</source>
        <translation>Thay đổi gần nhất</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="899"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="901"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="903"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="907"/>
        <location filename="../../console/controllers/incident_controller.py" line="990"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="916"/>
        <location filename="../../console/controllers/incident_controller.py" line="994"/>
        <source>Units</source>
        <translation>Lực lượng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="924"/>
        <source>Checklist</source>
        <translation>Danh mục kiểm tra</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="926"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="937"/>
        <source>Your change was discarded.</source>
        <translation>Đã bỏ thay đổi của bạn.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="954"/>
        <source>Incident #%1 cannot be closed: these required SOP steps are not done: %2</source>
        <translation>Chưa thể đóng sự cố #%1: các bước SOP bắt buộc sau chưa hoàn thành: %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="983"/>
        <source>alert #%1</source>
        <translation>cảnh báo #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="985"/>
        <source>call #%1</source>
        <translation>cuộc gọi #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="988"/>
        <location filename="../../console/controllers/incident_controller.py" line="1166"/>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="989"/>
        <source>Process group</source>
        <translation>Nhóm quy trình</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="991"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="992"/>
        <source>Created</source>
        <translation>Tạo lúc</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="993"/>
        <location filename="../../console/controllers/incident_controller.py" line="1169"/>
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="995"/>
        <source>Linked</source>
        <translation>Liên kết</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="998"/>
        <source>Coordinates</source>
        <translation>Tọa độ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1006"/>
        <location filename="../../console/controllers/incident_controller.py" line="1174"/>
        <source>Citizen rating</source>
        <translation>Đánh giá của người dân</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1012"/>
        <source>created</source>
        <translation>tạo</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1013"/>
        <source>note</source>
        <translation>ghi chú</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1014"/>
        <source>state</source>
        <translation>trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1015"/>
        <source>dispatch</source>
        <translation>điều phối</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1016"/>
        <source>link</source>
        <translation>liên kết</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1017"/>
        <source>checklist</source>
        <translation>kiểm tra</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1018"/>
        <source>update</source>
        <translation>cập nhật</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1043"/>
        <source>Changes waiting to be sent (backend unreachable)</source>
        <translation>Thay đổi đang chờ gửi (mất kết nối máy chủ)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1053"/>
        <source>field report %1</source>
        <translation>phản ánh %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1130"/>
        <source>No incident #%1 on the board.</source>
        <translation>Không có sự cố #%1 trên bảng.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1152"/>
        <source>Reply not sent: %1</source>
        <translation>Chưa gửi được phản hồi: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1165"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1167"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1168"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1170"/>
        <source>Answer</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1177"/>
        <source>Photo</source>
        <translation>Ảnh</translation>
    </message>
</context>
<context>
    <name>IncidentDeskWidget</name>
    <message>
        <location filename="../../widgets/incident_desk.py" line="29"/>
        <source>Incidents</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_desk.py" line="30"/>
        <source>Field reports</source>
        <translation>Phản ánh hiện trường</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_desk.py" line="31"/>
        <source>Hotline 1900 1075</source>
        <translation>Đường dây nóng 1900 1075</translation>
    </message>
</context>
<context>
    <name>IncidentDetailWidget</name>
    <message>
        <location filename="../../widgets/incident_detail.py" line="87"/>
        <location filename="../../widgets/incident_detail.py" line="269"/>
        <source>No incident selected</source>
        <translation>Chưa chọn sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="106"/>
        <source>Dispatch selected units</source>
        <translation>Điều phối lực lượng đã chọn</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="109"/>
        <source>Mark dispatched</source>
        <translation>Đánh dấu đã điều phối</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="110"/>
        <source>Start work</source>
        <translation>Bắt đầu xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="111"/>
        <source>Resolve</source>
        <translation>Xử lý xong</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="112"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="113"/>
        <source>Cancel incident…</source>
        <translation>Hủy sự cố…</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="115"/>
        <source>Reopen</source>
        <translation>Mở lại</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="117"/>
        <source>Reason (needed to cancel or reopen)</source>
        <translation>Lý do (bắt buộc khi hủy hoặc mở lại)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="119"/>
        <source>Add a note to the timeline</source>
        <translation>Thêm ghi chú vào diễn biến</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="120"/>
        <source>Add note</source>
        <translation>Thêm ghi chú</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="132"/>
        <source>Apply my change to the current version</source>
        <translation>Áp dụng thay đổi của tôi lên phiên bản hiện tại</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="133"/>
        <source>Discard my change</source>
        <translation>Bỏ thay đổi của tôi</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="153"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="164"/>
        <source>SOP checklist (required steps marked *)</source>
        <translation>Quy trình SOP (bước bắt buộc đánh dấu *)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="166"/>
        <source>Units</source>
        <translation>Lực lượng</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="172"/>
        <source>Timeline</source>
        <translation>Diễn biến</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="246"/>
        <source>busy</source>
        <translation>đang bận</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="302"/>
        <source>Current version (server)</source>
        <translation>Phiên bản hiện tại (máy chủ)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="302"/>
        <source>My change</source>
        <translation>Thay đổi của tôi</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="332"/>
        <source>Give a reason to cancel the incident.</source>
        <translation>Hãy nêu lý do hủy sự cố.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="336"/>
        <source>Give a reason to reopen the incident.</source>
        <translation>Hãy nêu lý do mở lại sự cố.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="360"/>
        <source>Tick the units to dispatch first.</source>
        <translation>Hãy đánh dấu lực lượng cần điều phối trước.</translation>
    </message>
</context>
<context>
    <name>IncidentFormDialog</name>
    <message>
        <location filename="../../widgets/incident_form.py" line="540"/>
        <source>New incident</source>
        <translation>Sự cố mới</translation>
    </message>
</context>
<context>
    <name>IncidentFormWidget</name>
    <message>
        <location filename="../../widgets/incident_form.py" line="138"/>
        <source>What happened, where</source>
        <translation>Chuyện gì, ở đâu</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="146"/>
        <source>Street address or landmark</source>
        <translation>Địa chỉ hoặc địa danh</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="148"/>
        <source>latitude</source>
        <translation>vĩ độ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="150"/>
        <source>longitude</source>
        <translation>kinh độ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="161"/>
        <source>Remove link</source>
        <translation>Bỏ liên kết</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="163"/>
        <source>Units of every ward</source>
        <translation>Lực lượng mọi phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="169"/>
        <source>Create incident</source>
        <translation>Tạo sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="171"/>
        <source>Discard draft</source>
        <translation>Hủy bản nháp</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="172"/>
        <source>Close (keep draft)</source>
        <translation>Đóng (giữ bản nháp)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="174"/>
        <source>Pick on map</source>
        <translation>Chọn trên bản đồ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="175"/>
        <source>Click the place on the city map</source>
        <translation>Nhấp vào vị trí trên bản đồ thành phố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="192"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="193"/>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="194"/>
        <source>Process group</source>
        <translation>Nhóm quy trình</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="195"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="196"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="197"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="198"/>
        <source>Coordinates</source>
        <translation>Tọa độ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="199"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="200"/>
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="202"/>
        <source>Linked</source>
        <translation>Liên kết</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="203"/>
        <source>Units to dispatch</source>
        <translation>Lực lượng điều phối</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="250"/>
        <source>— choose a category —</source>
        <translation>— chọn lĩnh vực —</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="255"/>
        <source>— choose a ward —</source>
        <translation>— chọn phường/xã —</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="259"/>
        <source>Kinds this category needs</source>
        <translation>Loại lực lượng lĩnh vực này cần</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="260"/>
        <source>Every kind</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="340"/>
        <source>Give the incident a title.</source>
        <translation>Hãy đặt tiêu đề cho sự cố.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="343"/>
        <source>The title is too long: at most %1 characters.</source>
        <translation>Tiêu đề quá dài: tối đa %1 ký tự.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="348"/>
        <source>Choose a category.</source>
        <translation>Hãy chọn lĩnh vực.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="350"/>
        <source>Choose the ward where it happens.</source>
        <translation>Hãy chọn phường/xã nơi xảy ra.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="354"/>
        <source>Give both coordinates, or neither.</source>
        <translation>Nhập đủ cả hai tọa độ, hoặc để trống cả hai.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="356"/>
        <source>Latitude must be a number between -90 and 90.</source>
        <translation>Vĩ độ phải là số từ -90 đến 90.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="358"/>
        <source>Longitude must be a number between -180 and 180.</source>
        <translation>Kinh độ phải là số từ -180 đến 180.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="361"/>
        <source>The description is too long: at most %1 characters.</source>
        <translation>Mô tả quá dài: tối đa %1 ký tự.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="377"/>
        <source>usual: %1</source>
        <translation>thông thường: %1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="386"/>
        <source>Alert #%1</source>
        <translation>Cảnh báo #%1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="388"/>
        <source>Field report #%1</source>
        <translation>Phản ánh #%1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="392"/>
        <source>Hotline call #%1</source>
        <translation>Cuộc gọi #%1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="401"/>
        <source>Nothing linked</source>
        <translation>Chưa có liên kết</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="434"/>
        <source>busy</source>
        <translation>đang bận</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="446"/>
        <source>No unit matches: widen the filter</source>
        <translation>Không có lực lượng phù hợp: hãy mở rộng bộ lọc</translation>
    </message>
</context>
<context>
    <name>IncidentNames</name>
    <message>
        <location filename="../../console/models/incident_names.py" line="19"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="20"/>
        <source>Dispatched</source>
        <translation>Đã điều phối</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="21"/>
        <location filename="../../console/models/incident_names.py" line="62"/>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="22"/>
        <location filename="../../console/models/incident_names.py" line="63"/>
        <source>Resolved</source>
        <translation>Đã xử lý xong</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="23"/>
        <location filename="../../console/models/incident_names.py" line="64"/>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="24"/>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="27"/>
        <source>Immediate handling</source>
        <translation>Xử lý ngay</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="28"/>
        <source>Within a deadline</source>
        <translation>Xử lý theo thời hạn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="29"/>
        <source>Command support</source>
        <translation>Hỗ trợ chỉ huy</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="32"/>
        <source>Broken street light</source>
        <translation>Đèn đường hỏng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="33"/>
        <source>Uncollected garbage</source>
        <translation>Rác thải chưa thu gom</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="34"/>
        <source>Road damage</source>
        <translation>Hư hỏng đường</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="35"/>
        <source>Sidewalk encroachment</source>
        <translation>Lấn chiếm vỉa hè</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="36"/>
        <source>Flooding</source>
        <translation>Ngập lụt</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="37"/>
        <source>Noise</source>
        <translation>Tiếng ồn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="38"/>
        <source>Security and order</source>
        <translation>An ninh trật tự</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="39"/>
        <source>Traffic accident</source>
        <translation>Tai nạn giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="40"/>
        <source>Traffic violation</source>
        <translation>Vi phạm giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="41"/>
        <source>Traffic jam</source>
        <translation>Ùn tắc giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="42"/>
        <source>Fire</source>
        <translation>Cháy nổ</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="43"/>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="44"/>
        <source>Fallen tree</source>
        <translation>Cây đổ</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="45"/>
        <source>Crowd</source>
        <translation>Tụ tập đông người</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="46"/>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="48"/>
        <source>Administrative procedures</source>
        <translation>Thủ tục hành chính</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="49"/>
        <source>Tourism</source>
        <translation>Du lịch</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="52"/>
        <source>Police</source>
        <translation>Công an</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="53"/>
        <source>Fire brigade</source>
        <translation>Cảnh sát PCCC</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="54"/>
        <source>Ward committee</source>
        <translation>UBND phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="55"/>
        <source>Environment and public works</source>
        <translation>Môi trường và công trình đô thị</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="56"/>
        <source>Electricity</source>
        <translation>Điện lực</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="57"/>
        <source>Traffic police</source>
        <translation>Cảnh sát giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="58"/>
        <source>Medical</source>
        <translation>Y tế</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="61"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="65"/>
        <source>Rejected</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="68"/>
        <source>Resolved on the call</source>
        <translation>Giải quyết ngay khi gọi</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="69"/>
        <source>Forwarded</source>
        <translation>Đã chuyển tiếp</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="70"/>
        <source>Incident created</source>
        <translation>Đã tạo sự cố</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="71"/>
        <source>Information given</source>
        <translation>Đã cung cấp thông tin</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="72"/>
        <source>Dropped</source>
        <translation>Cuộc gọi bị ngắt</translation>
    </message>
</context>
<context>
    <name>KpiBoardWidget</name>
    <message>
        <location filename="../../widgets/kpi_board.py" line="32"/>
        <source>Last hour</source>
        <translation>1 giờ qua</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="33"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="34"/>
        <source>7 days</source>
        <translation>7 ngày</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="35"/>
        <source>30 days</source>
        <translation>30 ngày</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="83"/>
        <location filename="../../widgets/kpi_board.py" line="150"/>
        <source>Whole city</source>
        <translation>Toàn thành phố</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="95"/>
        <source>Time range:</source>
        <translation>Khoảng thời gian:</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="98"/>
        <source>Ward:</source>
        <translation>Phường/xã:</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="234"/>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="237"/>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="241"/>
        <source>Export chart</source>
        <translation>Xuất biểu đồ</translation>
    </message>
</context>
<context>
    <name>KpiChartWidget</name>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="122"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="123"/>
        <source>Export the chart as a PNG image</source>
        <translation>Xuất biểu đồ thành ảnh PNG</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="125"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="126"/>
        <source>Export the numbers as CSV</source>
        <translation>Xuất số liệu thành CSV</translation>
    </message>
</context>
<context>
    <name>KpiController</name>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="70"/>
        <source>Field reports received / processed</source>
        <translation>Phản ánh tiếp nhận / đã xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="71"/>
        <source>Field reports processed on time</source>
        <translation>Phản ánh xử lý đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="72"/>
        <source>Citizen satisfaction</source>
        <translation>Mức độ hài lòng của người dân</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="73"/>
        <source>Incident SLA compliance</source>
        <translation>Tỷ lệ xử lý sự cố đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="74"/>
        <source>AI alerts per hour by type</source>
        <translation>Cảnh báo AI mỗi giờ theo loại</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="75"/>
        <source>False positives by type</source>
        <translation>Cảnh báo sai theo loại</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="76"/>
        <source>Camera uptime</source>
        <translation>Thời gian hoạt động của camera</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="77"/>
        <source>Hotline 1900 1075 calls</source>
        <translation>Cuộc gọi đường dây nóng 1900 1075</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="78"/>
        <source>Hương river at Kim Long</source>
        <translation>Sông Hương tại Kim Long</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="79"/>
        <source>Bồ river at Phú Ốc</source>
        <translation>Sông Bồ tại Phú Ốc</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="80"/>
        <source>Air quality (AQI)</source>
        <translation>Chất lượng không khí (AQI)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="83"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="84"/>
        <source>Processed</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="85"/>
        <source>Immediate handling</source>
        <translation>Xử lý ngay</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="86"/>
        <source>Within a deadline</source>
        <translation>Xử lý theo thời hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="87"/>
        <source>Command support</source>
        <translation>Hỗ trợ chỉ huy</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="88"/>
        <source>Kim Long</source>
        <translation>Kim Long</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="89"/>
        <source>Phú Ốc</source>
        <translation>Phú Ốc</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="90"/>
        <source>Thuận Hóa</source>
        <translation>Thuận Hóa</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="91"/>
        <source>Phong Điền</source>
        <translation>Phong Điền</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="94"/>
        <source>Field reports</source>
        <translation>Phản ánh hiện trường</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="95"/>
        <source>Incidents</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="96"/>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="97"/>
        <source>Hotline calls</source>
        <translation>Cuộc gọi đường dây nóng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="282"/>
        <source>KPIs unavailable: %1</source>
        <translation>Không có số liệu KPI: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="372"/>
        <source>Updated %1</source>
        <translation>Cập nhật %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="378"/>
        <source>%1: %2 m, alarm level %3 (%4 from %5 m)</source>
        <translation>%1: %2 m, báo động %3 (%4 so với mốc %5 m)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="387"/>
        <source>Air quality at %1: AQI %2, alarm level %3</source>
        <translation>Chất lượng không khí tại %1: AQI %2, mức cảnh báo %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="404"/>
        <source>%1 h</source>
        <translation>%1 giờ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="408"/>
        <source>%1 received, %2 % processed (%3)</source>
        <translation>%1 tiếp nhận, %2 % đã xử lý (%3)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="418"/>
        <source>%1 % satisfied</source>
        <translation>%1 % hài lòng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="427"/>
        <source>%1 alerts/h</source>
        <translation>%1 cảnh báo/giờ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="430"/>
        <source>highest %1 %</source>
        <translation>cao nhất %1 %</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="434"/>
        <source>%1 calls (%2)</source>
        <translation>%1 cuộc gọi (%2)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="514"/>
        <source>Could not load the records: %1</source>
        <translation>Không tải được dữ liệu: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="521"/>
        <source>whole city</source>
        <translation>toàn thành phố</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="523"/>
        <source>%1 — %2, %3 to %4, %5</source>
        <translation>%1 — %2, từ %3 đến %4, %5</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="531"/>
        <source>%1 records</source>
        <translation>%1 bản ghi</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="533"/>
        <source>The first %1 records</source>
        <translation>%1 bản ghi đầu tiên</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="660"/>
        <source>on time</source>
        <translation>đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="660"/>
        <source>late</source>
        <translation>trễ hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="669"/>
        <source>SLA met</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="669"/>
        <source>SLA missed</source>
        <translation>Trễ hạn</translation>
    </message>
</context>
<context>
    <name>KpiRecordTableModel</name>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="25"/>
        <source>ID</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="26"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="27"/>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="28"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="29"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="30"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../console/login_dialog.py" line="21"/>
        <source>IOC console — sign in</source>
        <translation>Bàn điều hành IOC — đăng nhập</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="30"/>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="31"/>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="32"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/main_window.py" line="28"/>
        <source>IOC console — Huế Intelligent Operations Center</source>
        <translation>Bàn điều hành IOC — Trung tâm Giám sát, điều hành đô thị thông minh Huế</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="33"/>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="43"/>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="52"/>
        <source>Incidents and dispatch</source>
        <translation>Sự cố và điều phối</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="58"/>
        <source>&amp;Wall</source>
        <translation>&amp;Tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="59"/>
        <source>Open layout…</source>
        <translation>Mở bố cục…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="62"/>
        <source>Push layout to the walls</source>
        <translation>Đẩy bố cục lên các màn hình tường</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="70"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="73"/>
        <source>KPI board</source>
        <translation>Bảng chỉ số KPI</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="74"/>
        <source>City map</source>
        <translation>Bản đồ thành phố</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="114"/>
        <source>Backend online</source>
        <translation>Máy chủ trực tuyến</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="115"/>
        <source>Connecting to backend…</source>
        <translation>Đang kết nối máy chủ…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="116"/>
        <source>Backend offline</source>
        <translation>Mất kết nối máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="142"/>
        <source>Open wall layout</source>
        <translation>Mở bố cục tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="142"/>
        <source>Wall layouts (*.json)</source>
        <translation>Bố cục tường video (*.json)</translation>
    </message>
</context>
<context>
    <name>MapController</name>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="109"/>
        <source>Map: live data unavailable: %1</source>
        <translation>Bản đồ: không có dữ liệu trực tiếp: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="125"/>
        <source>online</source>
        <translation>trực tuyến</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="126"/>
        <source>degraded</source>
        <translation>suy giảm</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="127"/>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="180"/>
        <source>%1: %2 m, alarm level %3</source>
        <translation>%1: %2 m, báo động %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="184"/>
        <source>%1: AQI %2</source>
        <translation>%1: AQI %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="208"/>
        <source>%1 open alerts at %2; newest: %3</source>
        <translation>%1 cảnh báo chưa xử lý tại %2; mới nhất: %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="234"/>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
</context>
<context>
    <name>VideoTileWidget</name>
    <message>
        <location filename="../../widgets/video_tile.py" line="97"/>
        <location filename="../../widgets/video_tile.py" line="136"/>
        <source>No camera</source>
        <translation>Chưa có camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="115"/>
        <source>Drop or pick a camera</source>
        <translation>Kéo thả hoặc chọn một camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="46"/>
        <source>idle</source>
        <translation>chờ</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="47"/>
        <source>connecting</source>
        <translation>đang kết nối</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="48"/>
        <source>live</source>
        <translation>trực tiếp</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="49"/>
        <source>stalled</source>
        <translation>mất hình</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="50"/>
        <source>reconnecting</source>
        <translation>đang kết nối lại</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="51"/>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="233"/>
        <source>Full screen / back (double-click)</source>
        <translation>Toàn màn hình / trở lại (nhấp đúp)</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="235"/>
        <source>Save snapshot</source>
        <translation>Lưu ảnh chụp</translation>
    </message>
</context>
<context>
    <name>WallController</name>
    <message>
        <location filename="../../console/controllers/wall_controller.py" line="256"/>
        <source>unknown camera</source>
        <translation>camera không xác định</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <location filename="../../console/wall_window.py" line="21"/>
        <source>IOC wall — screen %1</source>
        <translation>Tường video IOC — màn hình %1</translation>
    </message>
</context>
</TS>
